package dev.bulwark.agent.matching;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One value per class loader, made on first use, that never keeps a loader alive: an undeployed web application's
 * loader must stay collectable although Bulwark matched its classes. Lock-free for the loaders already seen.
 *
 * @param <V> the value kept for each loader
 */
public final class PerClassLoader<V> {
    private final Supplier<V> factory;
    private final V bootValue;
    private final Map<LoaderKey, V> values = new ConcurrentHashMap<>();
    private final ReferenceQueue<ClassLoader> collected = new ReferenceQueue<>();

    /** @param factory makes the value of a loader seen for the first time */
    public PerClassLoader(Supplier<V> factory) {
        this.factory = factory;
        this.bootValue = factory.get();
    }

    /**
     * @param loader a class loader, {@code null} for the boot loader
     * @return the value of that loader
     */
    public V get(ClassLoader loader) {
        if (loader == null) {
            return bootValue;
        }
        for (Object key = collected.poll(); key != null; key = collected.poll()) {
            values.remove(key);
        }
        V value = values.get(new LoaderKey(loader, null));
        if (value != null) {
            return value;
        }
        return values.computeIfAbsent(new LoaderKey(loader, collected), key -> factory.get());
    }

    /** @return how many loaders other than the boot loader have a value, collected ones aside */
    public int loaderCount() {
        for (Object key = collected.poll(); key != null; key = collected.poll()) {
            values.remove(key);
        }
        return values.size();
    }

    /** A class loader compared by identity, held weakly. */
    private static final class LoaderKey extends WeakReference<ClassLoader> {
        private final int hash;

        LoaderKey(ClassLoader loader, ReferenceQueue<ClassLoader> queue) {
            super(loader, queue);
            this.hash = System.identityHashCode(loader);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            // A collected key equals only itself, which is how the expunging above finds it.
            ClassLoader loader = get();
            return other instanceof LoaderKey key && loader != null && loader == key.get();
        }
    }
}
