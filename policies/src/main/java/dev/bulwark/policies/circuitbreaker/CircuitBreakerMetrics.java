package dev.bulwark.policies.circuitbreaker;

/**
 * Live figures of a {@link CircuitBreaker}'s current state, as resilience4j reports them.
 */
public interface CircuitBreakerMetrics {

    /** @return the failure rate in percent, or {@code -1} while fewer than the minimum number of calls are buffered */
    float failureRate();

    /** @return calls whose outcome is in the window */
    int bufferedCalls();

    /** @return failed calls in the window */
    int failedCalls();

    /** @return successful calls in the window */
    int successfulCalls();

    /** @return calls rejected since the breaker entered its current state */
    long notPermittedCalls();
}
