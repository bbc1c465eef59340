package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.ClassOutline;
import dev.bulwark.agent.matching.ClassOutlines;
import dev.bulwark.agent.matching.MethodOutline;
import dev.bulwark.runtime.dispatch.AdvisedMethod;
import dev.bulwark.runtime.dispatch.AdvisedMethods;
import dev.bulwark.runtime.rejection.ExceptionFactory;

import java.util.function.Consumer;

/**
 * Numbers each method as it is advised: registers it with the runtime, with the rejection and timeout exceptions
 * chosen for it, and gives the advice its site number to pass as a constant. A method advised again (after a
 * retransformation) keeps its number.
 */
final class SiteRegistration {
    private final ClassLoader classLoader;
    private final ClassOutlines outlines;
    private final Consumer<String> problems;

    /**
     * @param classLoader the loader of the class being advised
     * @param outlines finds the class's supertypes and exceptions through that loader
     * @param problems where a fallback the method cannot return is reported
     */
    SiteRegistration(ClassLoader classLoader, ClassOutlines outlines, Consumer<String> problems) {
        this.classLoader = classLoader;
        this.outlines = outlines;
        this.problems = problems;
    }

    /** @return the site number of {@code method}, declared by {@code type}, advised for {@code binding} */
    int siteOf(PatternBinding binding, ClassOutline type, MethodOutline method) {
        String signature = type.name() + "#" + method.name() + "("
                + String.join(", ", method.parameterTypeNames()) + ")";
        String returnTypeName = method.returnTypeName();
        return binding.siteOf(classLoader, signature, returnTypeName,
                () -> AdvisedMethods.register(new AdvisedMethod(binding.policyName, signature, returnTypeName,
                        ExceptionFactory.forRejections(RejectionTypes.choose(type, method, outlines), classLoader),
                        ExceptionFactory.forTimeouts(RejectionTypes.chooseForTimeout(type, method, outlines),
                                classLoader),
                        classLoader)),
                problems);
    }
}
