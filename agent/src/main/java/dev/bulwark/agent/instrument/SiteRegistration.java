package dev.bulwark.agent.instrument;

import dev.bulwark.runtime.dispatch.AdvisedMethod;
import dev.bulwark.runtime.dispatch.AdvisedMethods;
import dev.bulwark.runtime.rejection.ExceptionFactory;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.util.stream.Collectors;

/**
 * Resolves {@link SiteId} for each method as it is advised: registers the method with the runtime, with the
 * rejection and timeout exceptions chosen for it, and hands the advice the site number as a constant.
 */
final class SiteRegistration implements Advice.OffsetMapping {
    private final PatternBinding binding;
    private final ClassLoader classLoader;

    SiteRegistration(PatternBinding binding, ClassLoader classLoader) {
        this.binding = binding;
        this.classLoader = classLoader;
    }

    @Override
    public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod, Assigner assigner,
                          Advice.ArgumentHandler argumentHandler, Sort sort) {
        String signature = signature(instrumentedType, instrumentedMethod);
        int site = binding.siteOf(classLoader, signature, () -> AdvisedMethods.register(new AdvisedMethod(
                binding.policyName, signature, instrumentedMethod.getReturnType().asErasure().getName(),
                ExceptionFactory.forRejections(RejectionTypes.choose(instrumentedType, instrumentedMethod), classLoader),
                ExceptionFactory.forTimeouts(RejectionTypes.chooseForTimeout(instrumentedType, instrumentedMethod),
                        classLoader),
                classLoader)));
        return Target.ForStackManipulation.of(site);
    }

    private static String signature(TypeDescription type, MethodDescription method) {
        return type.getName() + "#" + method.getName() + method.getParameters().asTypeList().asErasures().stream()
                .map(TypeDescription::getActualName)
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
