package dev.bulwark.agent.instrument;

import dev.bulwark.agent.policyfile.PolicyDefinition;
import dev.bulwark.agent.matching.MethodPattern;
import dev.bulwark.runtime.dispatch.CallDispatcher;
import dev.bulwark.runtime.guard.GuardRegistry;
import dev.bulwark.runtime.jmx.AgentStatus;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.none;

/**
 * Installs the advice of every policy's method patterns, for classes loaded from now on and for those already
 * loaded (retransformation, so class shapes never change).
 */
public final class PolicyInstrumentation {
    private final List<PatternBinding> bindings = new ArrayList<>();

    /** @param policies the policies whose methods to advise */
    public PolicyInstrumentation(List<PolicyDefinition> policies) {
        for (PolicyDefinition policy : policies) {
            int slot = GuardRegistry.slotOf(policy.name());
            for (MethodPattern pattern : policy.methods()) {
                bindings.add(new PatternBinding(policy.name(), slot, pattern));
            }
        }
    }

    /** @return the patterns that have not advised any method yet, as {@code policy: pattern} */
    public List<String> unmatchedPatterns() {
        return bindings.stream().filter(binding -> !binding.hasMatched()).map(PatternBinding::toString).toList();
    }

    /**
     * Installs the transformation.
     *
     * @param instrumentation the JVM's instrumentation
     * @param status where classes that could not be advised are reported
     */
    public void install(Instrumentation instrumentation, AgentStatus status) {
        if (bindings.isEmpty()) {
            return;
        }
        InheritedImplementations inherited = new InheritedImplementations(instrumentation);
        ElementMatcher.Junction<TypeDescription> anyPatternType = none();
        for (PatternBinding binding : bindings) {
            anyPatternType = anyPatternType.or(binding.types);
        }
        anyPatternType = anyPatternType.or(inherited.types());
        RuntimeClasses.load();
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new TransformationErrors(status))
                .ignore(IgnoredTypes.MATCHER)
                // Named JDK modules such as java.sql must be able to read the boot path's unnamed module.
                .assureReadEdgeTo(instrumentation, CallDispatcher.class)
                .type(anyPatternType)
                .transform(new PolicyTransformer(bindings, inherited))
                .installOn(instrumentation);
    }
}
