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

    /** Rejects every call until reset or forced otherwise. */
    void forceOpen();

    /** Lets every call through, recording but never tripping, until reset or forced otherwise. */
    void forceClose();

    /** Returns to automatic operation in CLOSED with cleared metrics. */
    void reset();

    /** Lets every call through and records nothing, until reset or forced otherwise. */
    void disable();
}
