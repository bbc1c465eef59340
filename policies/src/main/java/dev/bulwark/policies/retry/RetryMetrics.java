package dev.bulwark.policies.retry;

/**
 * Live totals of a {@link Retry} since it was created, under resilience4j's names plus the budget's refusals.
 */
public interface RetryMetrics {

    /** @return calls that succeeded at the first attempt */
    long successfulCallsWithoutRetryAttempt();

    /** @return calls that succeeded after at least one retry */
    long successfulCallsWithRetryAttempt();

    /** @return calls that failed at the first attempt and were not retried */
    long failedCallsWithoutRetryAttempt();

    /** @return calls that failed after at least one retry */
    long failedCallsWithRetryAttempt();

    /** @return retries granted, over all calls */
    long retryAttempts();

    /** @return retries the budget refused; each is also the end of a failed call */
    long retriesRefusedByBudget();
}
