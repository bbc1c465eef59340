package dev.bulwark.runtime.jmx;

/** A policy's retry as operators see it: {@code dev.bulwark:type=Retry,name=<policy>}; resilience4j's names. */
public interface RetryMXBean {

    /** @return calls that succeeded at the first attempt */
    long getSuccessfulCallsWithoutRetryAttempt();

    /** @return calls that succeeded after one or more retries */
    long getSuccessfulCallsWithRetryAttempt();

    /** @return calls that failed without being retried (not retryable, or refused by the budget) */
    long getFailedCallsWithoutRetryAttempt();

    /** @return calls that failed even after retries */
    long getFailedCallsWithRetryAttempt();

    /** @return retries made, all calls together */
    long getRetryAttempts();

    /** @return retries the retry budget refused, so that an outage does not multiply load */
    long getRetriesRefusedByBudget();

    /** @return ENFORCE or OBSERVE */
    String getMode();

    /** @return in OBSERVE mode, failed calls the retry would have tried again */
    long getWouldHaveRetriedCalls();
}
