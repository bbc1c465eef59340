package dev.bulwark.agent.instrument;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.TypeResolutionStrategy;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Adds the guard advice to a class that a pattern matches: describes the class with ByteBuddy's type pool, checks
 * it against the patterns exactly, and decorates its methods with {@link PolicyTransformer}'s advice, which only
 * rewrites method bodies and so never changes the class's shape.
 *
 * <p>ByteBuddy's {@code AgentBuilder} did this before, but at construction it generates and loads a class of its
 * own, and it brings three hundred classes more than advice needs: most of a second of processor time while the
 * application starts. Decoration is also ByteBuddy's cheapest way to apply advice.
 */
final class AdviceWeaver implements ClassFileTransformer {
    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            // Advice is inlined and needs no auxiliary members, which a class being retransformed cannot take.
            .with(Implementation.Context.Disabled.Factory.INSTANCE);
    private final TypePoolCaches pools = new TypePoolCaches();
    private final Instrumentation instrumentation;
    private final Predicate<TypeDescription> isAdvised;
    private final PolicyTransformer advice;
    private final TransformationErrors errors;
    private final Module runtime;

    /**
     * @param isAdvised the exact matcher: whether a pattern advises some method of a type
     * @param runtime the module of the runtime the advice calls, which every advised class's module must read
     */
    AdviceWeaver(Instrumentation instrumentation, Predicate<TypeDescription> isAdvised, PolicyTransformer advice,
                 TransformationErrors errors, Module runtime) {
        this.instrumentation = instrumentation;
        this.isAdvised = isAdvised;
        this.advice = advice;
        this.errors = errors;
        this.runtime = runtime;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (internalName == null || WeavingThread.isWeaving()) {
            return null;
        }
        String name = internalName.replace('/', '.');
        if (IgnoredTypes.isIgnored(name)) {
            return null;
        }
        WeavingThread.begin();
        try {
            ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                    ClassFileLocator.ForClassLoader.of(loader));
            TypePool pool = pools.typePool(locator, loader, name);
            // A loaded class is described from the class itself, as ByteBuddy's agent did: cheaper, and exact.
            TypeDescription type = classBeingRedefined != null ? TypeDescription.ForLoadedType.of(classBeingRedefined)
                    : pool.describe(name).resolve();
            if (!isAdvised.test(type) || IgnoredTypes.isSynthetic(type)) {
                return null;
            }
            DynamicType.Builder<?> builder = advice.transform(byteBuddy.decorate(type, locator), type, loader);
            byte[] woven = builder.make(TypeResolutionStrategy.Disabled.INSTANCE, pool).getBytes();
            assureReadsRuntime(module);
            return woven;
        } catch (Throwable fault) {
            errors.report(name, fault);
            return null;
        } finally {
            WeavingThread.end();
        }
    }

    /** Named JDK modules such as {@code java.sql} must read the boot path's unnamed module to call the runtime. */
    private void assureReadsRuntime(Module module) {
        if (module != null && module.isNamed() && !module.canRead(runtime)) {
            instrumentation.redefineModule(module, Set.of(runtime), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }
}
