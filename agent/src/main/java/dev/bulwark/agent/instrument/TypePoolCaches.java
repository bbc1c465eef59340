package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.PerClassLoader;
import dev.bulwark.policies.timeout.Watchdog;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One cache of parsed type descriptions per class loader, so that matching a class's supertypes against the
 * patterns reads each supertype's class file once per loader instead of once per class that extends it.
 *
 * <p>Without it ByteBuddy parses {@code Object}, {@code Serializable} and every shared base class again for each
 * class it matches: the classes {@link HeaderPrefilter} lets through, and every class a reload retransforms.
 * Loaders are held weakly (a web container's
 * undeployed application must be collectable) and each cache softly, so the heap can reclaim it under pressure.
 * Soft references outlive full collections while memory is plentiful, though: once classes stop loading for a
 * while, after start-up, the caches are dropped, so that the application does not keep tens of megabytes of
 * descriptions it will rarely need again. A cleared cache is simply refilled.
 */
final class TypePoolCaches {
    private static final long IDLE_BEFORE_DROPPING_NANOS = TimeUnit.SECONDS.toNanos(2);

    private volatile PerClassLoader<TypePool.CacheProvider> caches = newCaches();
    private volatile long lastUseNanos;
    private final AtomicBoolean dropScheduled = new AtomicBoolean();

    /**
     * @param locator finds class files: the one being transformed first, then those of its loader
     * @param classLoader the loader of the class being transformed, {@code null} for the boot loader
     * @param name the binary name of the class being transformed, never cached: its bytes differ from the file's
     * @return a type pool for matching and transforming that class
     */
    TypePool typePool(ClassFileLocator locator, ClassLoader classLoader, String name) {
        TypePool.CacheProvider cache = new TypePool.CacheProvider.Discriminating(ElementMatchers.is(name),
                new TypePool.CacheProvider.Simple(), locate(classLoader));
        // FAST skips debug information and annotations' bodies nobody matches on.
        return new TypePool.Default.WithLazyResolution(cache, locator, TypePool.Default.ReaderMode.FAST);
    }

    private TypePool.CacheProvider locate(ClassLoader classLoader) {
        lastUseNanos = System.nanoTime();
        if (dropScheduled.compareAndSet(false, true)) {
            scheduleDrop(IDLE_BEFORE_DROPPING_NANOS);
        }
        return caches.get(classLoader);
    }

    private void scheduleDrop(long delayNanos) {
        Watchdog.shared().schedule(delayNanos, this::dropIfIdle);
    }

    private void dropIfIdle() {
        long idle = System.nanoTime() - lastUseNanos;
        if (idle < IDLE_BEFORE_DROPPING_NANOS) {
            scheduleDrop(IDLE_BEFORE_DROPPING_NANOS - idle);
            return;
        }
        caches = newCaches();
        dropScheduled.set(false);
    }

    private static PerClassLoader<TypePool.CacheProvider> newCaches() {
        return new PerClassLoader<>(TypePool.CacheProvider.Simple.UsingSoftReference::new);
    }
}
