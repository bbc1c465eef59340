package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.ClassOutline;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds the guard advice to a class that a pattern matches: reads the class's outline, has {@link AdvicePlanner}
 * decide which methods get which advice, and rewrites those methods with {@link GuardWeaving}, which changes
 * method bodies only and so never the class's shape.
 */
final class AdviceWeaver implements ClassFileTransformer {
    private final Instrumentation instrumentation;
    private final AdvicePlanner planner;
    private final TransformationErrors errors;
    private final Module runtime;

    /** @param runtime the module of the runtime the advice calls, which every advised class's module must read */
    AdviceWeaver(Instrumentation instrumentation, AdvicePlanner planner, TransformationErrors errors,
                 Module runtime) {
        this.instrumentation = instrumentation;
        this.planner = planner;
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
            ClassOutline type = ClassOutline.read(classFile);
            if (type.header().isSynthetic()) {
                return null;
            }
            Map<String, List<MethodAdvice>> plan = planner.plan(type, loader);
            if (plan.isEmpty()) {
                return null;
            }
            byte[] woven = GuardWeaving.weave(classFile, plan);
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
