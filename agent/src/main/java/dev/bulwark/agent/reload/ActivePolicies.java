package dev.bulwark.agent.reload;

import dev.bulwark.agent.instrument.PolicyInstrumentation;
import dev.bulwark.agent.policyfile.PolicyDefinition;
import dev.bulwark.policies.circuitbreaker.CircuitBreaker;
import dev.bulwark.policies.time.NanoClock;
import dev.bulwark.runtime.guard.Guard;
import dev.bulwark.runtime.guard.GuardRegistry;
import dev.bulwark.runtime.jmx.CircuitBreakerMBean;
import dev.bulwark.runtime.jmx.MBeans;
import dev.bulwark.runtime.log.StateTransitionLog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policies in force and their guards. Applying a new set keeps the guard, and so the breaker's state and
 * metrics, of every policy that stays: new thresholds, waits and trial counts apply in place, and only a new
 * window size or minimum number of calls starts a new breaker. A removed policy's methods go straight through.
 */
public final class ActivePolicies {
    private static final StateTransitionLog TRANSITION_LOG = new StateTransitionLog();

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
     * @param next the policies from the policy file
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
                installGuard(policy);
            } else if (!running.circuitBreakerConfig().equals(policy.circuitBreakerConfig())) {
                changed.add(policy.name());
                Guard guard = GuardRegistry.guard(GuardRegistry.slotOf(policy.name()));
                if (guard == null || !guard.circuitBreaker().reconfigure(policy.circuitBreakerConfig())) {
                    installGuard(policy);
                }
            } else if (!running.methods().equals(policy.methods())) {
                changed.add(policy.name());
            }
            applied.put(policy.name(), policy);
        }
        for (String name : removed) {
            GuardRegistry.remove(name);
            MBeans.unregister(MBeans.circuitBreakerName(name));
        }
        policies.clear();
        policies.putAll(applied);
        instrumentation.update(next);
        return applied.size() + " policies; added " + added + ", changed " + changed + ", removed " + removed;
    }

    /** A new breaker starts in CLOSED; used for new policies and for windows of a new size. */
    private static void installGuard(PolicyDefinition policy) {
        CircuitBreaker breaker = CircuitBreaker.create(policy.name(), policy.circuitBreakerConfig(),
                NanoClock.SYSTEM, TRANSITION_LOG);
        GuardRegistry.install(new Guard(policy.name(), breaker));
        MBeans.register(MBeans.circuitBreakerName(policy.name()), new CircuitBreakerMBean(breaker));
    }
}
