package dev.bulwark.agent.policyfile;

/**
 * The top-level {@code defaults} block: settings every policy takes for the keys it leaves out, so that a file
 * shared by a fleet states them once. A block here never adds a kind to a policy; it only fills in the keys of the
 * blocks a policy has. {@code fallback} and {@code failWhen} have no defaults.
 *
 * @param mode the mode of every policy that does not give its own; {@code null} for {@code enforce}
 * @param circuitBreaker default breaker settings
 * @param bulkhead default bulkhead settings
 * @param rateLimiter default rate limiter settings
 * @param timeout the timeout block a policy's empty {@code timeout} takes
 * @param retry default retry settings
 * @param releaseDroppedResults whether every policy that does not say closes the results it keeps from the caller;
 *                              {@code null} for {@code true}
 */
public record PolicyDefaults(PolicyMode mode, CircuitBreakerSettings circuitBreaker, BulkheadSettings bulkhead,
                             RateLimiterSettings rateLimiter, TimeoutSettings timeout, RetrySettings retry,
                             Boolean releaseDroppedResults) {
    /** No defaults: every key left out takes the built-in default. */
    static final PolicyDefaults NONE = new PolicyDefaults(null, null, null, null, null, null, null);

    /** Fills in omitted blocks. */
    public PolicyDefaults {
        circuitBreaker = KeyMerge.or(circuitBreaker, CircuitBreakerSettings.NONE);
        bulkhead = KeyMerge.or(bulkhead, BulkheadSettings.NONE);
        rateLimiter = KeyMerge.or(rateLimiter, RateLimiterSettings.NONE);
        timeout = KeyMerge.or(timeout, TimeoutSettings.NONE);
        retry = KeyMerge.or(retry, RetrySettings.NONE);
    }
}
