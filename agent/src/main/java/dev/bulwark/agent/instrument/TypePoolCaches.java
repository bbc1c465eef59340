package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.PerClassLoader;
import dev.bulwark.policies.timeout.Watchdog;
import net.bytebuddy.agent.builder.AgentBuilder;
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
final class TypePoolCaches extends AgentBuilder.PoolStrategy.WithTypePoolCache {
    private static final long IDLE_BEFORE_DROPPING_NANOS = TimeUnit.SECONDS.toNanos(2);

    private volatile PerClassLoader<TypePool.CacheProvider> caches = newCaches();
    private volatile long lastUseNanos;
    private final AtomicBoolean dropScheduled = new AtomicBoolean();

    TypePoolCaches() {
        // FAST skips debug information and annotations' bodies nobody matches on.
        super(TypePool.Default.ReaderMode.FAST);
    }

    @Override
    protected TypePool.CacheProvider locate(ClassLoader classLoader) {
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
