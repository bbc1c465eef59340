package dev.bulwark.policies.retry;

import dev.bulwark.policies.retry.internal.BudgetedRetry;
import dev.bulwark.policies.time.NanoClock;

/**
 * A retry policy: it decides whether a failed attempt is tried again and how long to wait first, within a budget
 * that keeps retries a bounded share of the traffic.
 *
 * <p>The caller drives the loop: {@link #onCallStarted()} once per call, {@link #nextAttemptWaitNanos} after each
 * failed attempt, then {@link #onCallFinished} once. A call that succeeds at its first attempt takes no lock and
 * allocates nothing.
 */
public interface Retry {

    /** Returned by {@link #nextAttemptWaitNanos} when the call must not be tried again. */
    long NO_RETRY = -1L;

    /**
     * Creates a retry policy with an empty budget window.
     *
     * @param name what operators know it by
     * @param config its settings
     * @param clock the clock the budget's window moves on
     */
    static Retry create(String name, RetryConfig config, NanoClock clock) {
        return new BudgetedRetry(name, config, clock);
    }

    /** @return the name operators know this policy by */
    String name();

    /** @return the settings in force */
    RetryConfig config();

    /** @return live totals since creation */
    RetryMetrics metrics();

    /** Records a call's first attempt; first attempts are what the budget's ratio is taken of. */
    void onCallStarted();

    /**
     * As {@link #onCallStarted()}, for a caller that has just read the clock this retry was created with: the
     * budget needs the time to count the attempt in its second, and a clock read can cost more than the rest.
     *
     * @param nowNanos a reading of this retry's clock, taken for this call
     */
    void onCallStarted(long nowNanos);

    /**
     * Decides on another attempt after a failed one.
     *
     * @param attemptsMade attempts made so far in this call, the first included (so 1 after the first failure)
     * @param errorOrNull what the attempt threw, or {@code null} when it returned a result classified as failed
     *     (such a result is always retryable)
     * @return {@link #NO_RETRY} when the attempts are used up, the error is not retryable or the budget refuses;
     *     otherwise the nanoseconds to wait before the next attempt, which the caller waits
     */
    long nextAttemptWaitNanos(int attemptsMade, Throwable errorOrNull);

    /**
     * Records how a call ended.
     *
     * @param attemptsMade attempts made in all, the first included
     * @param succeeded whether the last attempt succeeded
     */
    void onCallFinished(int attemptsMade, boolean succeeded);

    /**
     * Applies new settings from the next decision on; the budget keeps its window.
     *
     * @param config the new settings
     * @return {@code true}: every setting can change in place
     */
    boolean reconfigure(RetryConfig config);
}
