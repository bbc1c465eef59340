package dev.bulwark.agent.instrument;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One cache of parsed type descriptions per class loader, so that matching a class's supertypes against the
 * patterns reads each supertype's class file once per loader instead of once per class that extends it.
 *
 * <p>Without it ByteBuddy parses {@code Object}, {@code Serializable} and every shared Spring base class again for
 * each class loaded; that was most of Bulwark's start-up CPU. Loaders are held weakly (a web container's
 * undeployed application must be collectable) and each cache softly, so the heap can reclaim it under pressure;
 * a cleared cache is simply refilled.
 */
final class TypePoolCaches extends AgentBuilder.PoolStrategy.WithTypePoolCache {
    private final TypePool.CacheProvider bootCache = new TypePool.CacheProvider.Simple.UsingSoftReference();
    private final ConcurrentMap<LoaderKey, TypePool.CacheProvider> caches = new ConcurrentHashMap<>();
    private final ReferenceQueue<ClassLoader> collected = new ReferenceQueue<>();

    TypePoolCaches() {
        // FAST skips debug information and annotations' bodies nobody matches on.
        super(TypePool.Default.ReaderMode.FAST);
    }

    @Override
    protected TypePool.CacheProvider locate(ClassLoader classLoader) {
        if (classLoader == null) {
            return bootCache;
        }
        expungeCollectedLoaders();
        TypePool.CacheProvider cache = caches.get(new LoaderKey(classLoader, null));
        if (cache != null) {
            return cache;
        }
        return caches.computeIfAbsent(new LoaderKey(classLoader, collected),
                key -> new TypePool.CacheProvider.Simple.UsingSoftReference());
    }

    /** @return how many class loaders have a cache, for tests */
    int loaderCount() {
        expungeCollectedLoaders();
        return caches.size();
    }

    private void expungeCollectedLoaders() {
        for (Object key = collected.poll(); key != null; key = collected.poll()) {
            caches.remove(key);
        }
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
            // A collected key equals only itself, which is how expunging finds it.
            ClassLoader loader = get();
            return other instanceof LoaderKey key && loader != null && loader == key.get();
        }
    }
}
