package dev.bulwark.agent.instrument;

import dev.bulwark.agent.policyfile.FallbackSettings;
import dev.bulwark.runtime.dispatch.AdvisedMethod;
import dev.bulwark.runtime.dispatch.AdvisedMethods;
import dev.bulwark.runtime.fallback.FallbackValues;
import dev.bulwark.runtime.rejection.ExceptionFactory;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Resolves {@link SiteId} for each method as it is advised: registers the method with the runtime, with the
 * rejection and timeout exceptions chosen for it, and hands the advice the site number as a constant.
 */
final class SiteRegistration implements Advice.OffsetMapping {
    private final PatternBinding binding;
    private final ClassLoader classLoader;
    private final Consumer<String> problems;

    SiteRegistration(PatternBinding binding, ClassLoader classLoader, Consumer<String> problems) {
        this.binding = binding;
        this.classLoader = classLoader;
        this.problems = problems;
    }

    @Override
    public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod, Assigner assigner,
                          Advice.ArgumentHandler argumentHandler, Sort sort) {
        String signature = signature(instrumentedType, instrumentedMethod);
        String returnTypeName = instrumentedMethod.getReturnType().asErasure().getName();
        int site = binding.siteOf(classLoader, signature, () -> {
            checkFallbackValue(signature, returnTypeName);
            return AdvisedMethods.register(new AdvisedMethod(binding.policyName, signature, returnTypeName,
                    ExceptionFactory.forRejections(RejectionTypes.choose(instrumentedType, instrumentedMethod),
                            classLoader),
                    ExceptionFactory.forTimeouts(RejectionTypes.chooseForTimeout(instrumentedType, instrumentedMethod),
                            classLoader),
                    classLoader));
        });
        return Target.ForStackManipulation.of(site);
    }

    /** A fallback value the method cannot return is reported when the method is advised, not at the first failure. */
    private void checkFallbackValue(String signature, String returnTypeName) {
        FallbackSettings fallback = binding.fallback();
        if (fallback == null || fallback.value() == null) {
            return;
        }
        try {
            FallbackValues.check(fallback.plainValue(), returnTypeName);
        } catch (IllegalArgumentException e) {
            problems.accept("policy '" + binding.policyName + "' cannot fall back for " + signature + ": "
                    + e.getMessage() + "; its failures reach the caller unchanged");
        }
    }

    private static String signature(TypeDescription type, MethodDescription method) {
        return type.getName() + "#" + method.getName() + method.getParameters().asTypeList().asErasures().stream()
                .map(TypeDescription::getActualName)
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
