package dev.bulwark.runtime.jmx;

/**
 * A policy's circuit breaker as operators see it in JConsole: {@code dev.bulwark:type=CircuitBreaker,name=<policy>}.
 */
public interface CircuitBreakerMXBean {

    /** @return CLOSED, OPEN, HALF_OPEN, FORCED_OPEN, FORCED_CLOSED or DISABLED */
    String getState();

    /** @return failure rate in percent over the window, or -1 below the minimum number of calls */
    float getFailureRate();

    /** @return calls whose outcome is in the window */
    int getBufferedCalls();

    /** @return failed calls in the window */
    int getFailedCalls();

    /** @return successful calls in the window */
    int getSuccessfulCalls();

    /** @return calls rejected since the breaker entered its current state */
    long getNotPermittedCalls();

    /** @return slow-call rate in percent over the window, or -1 below the minimum number of calls */
    float getSlowCallRate();

    /** @return calls in the window that took at least the slow-call duration threshold */
    int getSlowCalls();

    /** @return ENFORCE, or OBSERVE when the policy only counts what it would have done */
    String getMode();

    /** @return in OBSERVE mode, calls the breaker would have rejected; always 0 when enforcing */
    long getWouldHaveRejectedCalls();

    /** Rejects every call until reset or forced otherwise. */
    void forceOpen();

    /** Lets every call through, recording but never tripping, until reset or forced otherwise. */
    void forceClose();

    /** Returns to automatic operation in CLOSED with cleared metrics. */
    void reset();

    /** Lets every call through and records nothing, until reset or forced otherwise. */
    void disable();
}
