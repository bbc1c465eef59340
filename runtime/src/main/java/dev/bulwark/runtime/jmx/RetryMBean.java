package dev.bulwark.runtime.jmx;

import dev.bulwark.policies.retry.Retry;
import dev.bulwark.runtime.guard.Guard;

/** Publishes a guard's {@link Retry} as a {@link RetryMXBean}. */
public final class RetryMBean extends GuardView implements RetryMXBean {

    /** @param guard the guard whose retry to publish */
    public RetryMBean(Guard guard) {
        super(guard);
    }

    private Retry retry() {
        return guard().retry();
    }

    @Override
    public long getSuccessfulCallsWithoutRetryAttempt() {
        return retry().metrics().successfulCallsWithoutRetryAttempt();
    }

    @Override
    public long getSuccessfulCallsWithRetryAttempt() {
        return retry().metrics().successfulCallsWithRetryAttempt();
    }

    @Override
    public long getFailedCallsWithoutRetryAttempt() {
        return retry().metrics().failedCallsWithoutRetryAttempt();
    }

    @Override
    public long getFailedCallsWithRetryAttempt() {
        return retry().metrics().failedCallsWithRetryAttempt();
    }

    @Override
    public long getRetryAttempts() {
        return retry().metrics().retryAttempts();
    }

    @Override
    public long getRetriesRefusedByBudget() {
        return retry().metrics().retriesRefusedByBudget();
    }

    @Override
    public String getMode() {
        return guard().mode().name();
    }

    @Override
    public long getWouldHaveRetriedCalls() {
        return guard().observations().retries();
    }
}
