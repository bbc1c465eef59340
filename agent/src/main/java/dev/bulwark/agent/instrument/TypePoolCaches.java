package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.PerClassLoader;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;


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
    private final PerClassLoader<TypePool.CacheProvider> caches =
            new PerClassLoader<>(TypePool.CacheProvider.Simple.UsingSoftReference::new);

    TypePoolCaches() {
        // FAST skips debug information and annotations' bodies nobody matches on.
        super(TypePool.Default.ReaderMode.FAST);
    }

    @Override
    protected TypePool.CacheProvider locate(ClassLoader classLoader) {
        return caches.get(classLoader);
    }
}
