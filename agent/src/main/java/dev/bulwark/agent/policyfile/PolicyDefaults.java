package dev.bulwark.agent.policyfile;

/**
 * The top-level {@code defaults} block: settings every policy takes for the keys it leaves out, so that a file
 * shared by a fleet states them once.
 *
 * @param circuitBreaker default breaker settings
 */
public record PolicyDefaults(CircuitBreakerSettings circuitBreaker) {
    /** No defaults: every key left out takes resilience4j's default. */
    static final PolicyDefaults NONE = new PolicyDefaults(CircuitBreakerSettings.NONE);

    /** Fills in an omitted block. */
    public PolicyDefaults {
        if (circuitBreaker == null) {
            circuitBreaker = CircuitBreakerSettings.NONE;
        }
    }
}
