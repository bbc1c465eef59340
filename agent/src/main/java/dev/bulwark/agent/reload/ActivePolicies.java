package dev.bulwark.agent.reload;

import dev.bulwark.agent.instrument.PolicyInstrumentation;
import dev.bulwark.agent.policyfile.PolicyDefinition;
import dev.bulwark.runtime.guard.Guard;
import dev.bulwark.runtime.guard.GuardRegistry;
import dev.bulwark.runtime.jmx.GuardMBeans;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policies in force and their guards. Applying a new set keeps the state of every policy that stays: each
 * kind takes new settings in place where it can (a breaker's new threshold, wait or trial count; a bulkhead's or
 * rate limiter's new limit; a retry's or timeout's settings), and only a breaker's new window shape starts it
 * afresh. A removed policy's methods go straight through.
 */
public final class ActivePolicies {
    private final PolicyInstrumentation instrumentation;
    private final Map<String, PolicyDefinition> policies = new LinkedHashMap<>();

    /** @param instrumentation keeps the advised methods in step with the policies */
    public ActivePolicies(PolicyInstrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /** @return the names of the policies in force */
    public synchronized List<String> names() {
        return List.copyOf(policies.keySet());
    }

    /**
     * Puts {@code next} in force.
     *
     * @param next the merged policies from the policy file
     * @return what changed, in one line
     */
    public synchronized String apply(List<PolicyDefinition> next) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>(policies.keySet());
        Map<String, PolicyDefinition> applied = new LinkedHashMap<>();
        for (PolicyDefinition policy : next) {
            PolicyDefinition running = policies.get(policy.name());
            removed.remove(policy.name());
            if (running == null) {
                added.add(policy.name());
                install(policy, null);
            } else if (!running.equals(policy)) {
                changed.add(policy.name());
                install(policy, GuardRegistry.guard(GuardRegistry.slotOf(policy.name())));
            }
            applied.put(policy.name(), policy);
        }
        for (String name : removed) {
            GuardRegistry.remove(name);
            GuardMBeans.withdraw(name);
        }
        policies.clear();
        policies.putAll(applied);
        instrumentation.update(next.stream().map(PolicyDefinition::advisedMethods).toList());
        return applied.size() + " policies; added " + added + ", changed " + changed + ", removed " + removed;
    }

    /** Installs the policy's guard, keeping the state of the kinds {@code running} has where it can. */
    private static void install(PolicyDefinition policy, Guard running) {
        Guard guard = GuardAssembler.assemble(policy, running);
        GuardRegistry.install(guard);
        GuardMBeans.publish(guard);
    }
}
