package dev.bulwark.policies.circuitbreaker;

/**
 * Live figures of a {@link CircuitBreaker}'s current state, as resilience4j reports them.
 */
public interface CircuitBreakerMetrics {

    /** @return the failure rate in percent, or {@code -1} while fewer than the minimum number of calls are buffered */
    float failureRate();

    /**
     * @return the slow-call rate in percent, or {@code -1} while fewer than the minimum number of calls are
     *     buffered; slow failures count here as well as in the failure rate
     */
    float slowCallRate();

    /** @return calls whose outcome is in the window */
    int bufferedCalls();

    /** @return failed calls in the window */
    int failedCalls();

    /** @return successful calls in the window */
    int successfulCalls();

    /** @return calls in the window that took longer than the slow-call duration threshold, failed or not */
    int slowCalls();

    /** @return failed calls in the window that were also slow */
    int slowFailedCalls();

    /** @return calls rejected since the breaker entered its current state */
    long notPermittedCalls();
}
