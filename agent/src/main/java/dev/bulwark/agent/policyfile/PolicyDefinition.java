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

    /** Checks the name and the methods, and fills in the default breaker. */
    public PolicyDefinition {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("\"name\" must be letters, digits, '.', '_' or '-', was "
                    + (name == null ? "missing" : "'" + name + "'"));
        }
        if (methods == null || methods.isEmpty()) {
            throw new IllegalArgumentException("\"methods\" must list at least one method pattern");
        }
        methods = List.copyOf(methods);
        if (circuitBreaker == null) {
            circuitBreaker = CircuitBreakerSettings.NONE;
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
