package dev.bulwark.agent.policyfile;

import dev.bulwark.agent.matching.MethodPattern;
import dev.bulwark.policies.circuitbreaker.CircuitBreakerConfig;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One policy of the policy file: which methods it guards and how.
 *
 * @param name letters, digits, {@code .}, {@code _} and {@code -}: it becomes an MBean name
 * @param methods method patterns, at least one
 * @param circuitBreaker the breaker's settings; what it leaves out comes from {@code defaults}, then resilience4j
 */
public record PolicyDefinition(String name, List<MethodPattern> methods, CircuitBreakerSettings circuitBreaker) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /**
     * Checks the name and the methods as written, and fills in the default breaker. A missing name or list is
     * reported by {@link #requireComplete()}, after Jackson has reported unknown keys, which explain more.
     */
    public PolicyDefinition {
        if (name != null && !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("\"name\" must be letters, digits, '.', '_' or '-', was '" + name + "'");
        }
        if (methods != null && methods.isEmpty()) {
            throw new IllegalArgumentException("\"methods\" must list at least one method pattern");
        }
        methods = methods == null ? null : List.copyOf(methods);
        if (circuitBreaker == null) {
            circuitBreaker = CircuitBreakerSettings.NONE;
        }
    }

    /** @throws IllegalArgumentException when {@code name} or {@code methods} is missing */
    void requireComplete() {
        if (name == null) {
            throw new IllegalArgumentException("\"name\" is missing; give the policy a name of letters, digits, '.', "
                    + "'_' or '-'");
        }
        if (methods == null) {
            throw new IllegalArgumentException("\"methods\" is missing; list at least one method pattern");
        }
    }

    /**
     * @param defaults the file's {@code defaults}
     * @return this policy with every key it leaves out taken from {@code defaults}
     */
    public PolicyDefinition withDefaults(PolicyDefaults defaults) {
        return new PolicyDefinition(name, methods, circuitBreaker.withDefaults(defaults.circuitBreaker()));
    }

    /** @return the breaker's validated settings */
    public CircuitBreakerConfig circuitBreakerConfig() {
        return circuitBreaker.toConfig();
    }
}
