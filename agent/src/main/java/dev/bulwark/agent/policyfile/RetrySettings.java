package dev.bulwark.agent.policyfile;

import dev.bulwark.policies.retry.RetryBudgetConfig;
import dev.bulwark.policies.retry.RetryConfig;

import java.time.Duration;
import java.util.List;

import static dev.bulwark.agent.policyfile.KeyMerge.or;
import static dev.bulwark.agent.policyfile.SettingRange.plain;
import static dev.bulwark.agent.policyfile.SettingRange.requireBetween;

/**
 * A {@code retry} block as written, in a policy or in {@code defaults}. Every key optional; merged key by key with
 * {@code defaults} (the {@code budget} too), then the built-in defaults.
 *
 * @param maxAttempts attempts in all, the first call included, 1 to 100 [3]
 * @param waitDuration the wait before the first retry, 0 to 1 h [500ms]
 * @param exponentialBackoffMultiplier each wait is the previous one times this, 1 to 10 [1: a fixed wait]
 * @param exponentialMaxWaitDuration the longest wait, 1 ms to 1 h, at least {@code waitDuration} when the
 *     multiplier is above 1 [30s]
 * @param randomizedWaitFactor each wait is drawn from wait &plusmn; wait &times; this, 0 to 1 [1]
 * @param retryExceptions exceptions retried, fully qualified names [none: every exception]
 * @param ignoreExceptions exceptions never retried [none]
 * @param budget how many retries the policy may make in all
 */
public record RetrySettings(
        Integer maxAttempts,
        Duration waitDuration,
        Double exponentialBackoffMultiplier,
        Duration exponentialMaxWaitDuration,
        Double randomizedWaitFactor,
        @ClassNames List<String> retryExceptions,
        @ClassNames List<String> ignoreExceptions,
        RetryBudgetSettings budget) {

    static final RetrySettings NONE = new RetrySettings(null, null, null, null, null, null, null, null);
    static final RetrySettings BUILT_IN = new RetrySettings(3, Duration.ofMillis(500), 1.0, Duration.ofSeconds(30),
            1.0, List.of(), List.of(), RetryBudgetSettings.BUILT_IN);

    /** Checks each key's range, and the longest wait against the first when this block gives all three. */
    public RetrySettings {
        requireBetween("maxAttempts", maxAttempts, 1, 100);
        requireBetween("waitDuration", waitDuration, Duration.ZERO, Duration.ofHours(1));
        requireBetween("exponentialBackoffMultiplier", exponentialBackoffMultiplier, 1, 10);
        requireBetween("exponentialMaxWaitDuration", exponentialMaxWaitDuration, Duration.ofMillis(1),
                Duration.ofHours(1));
        requireBetween("randomizedWaitFactor", randomizedWaitFactor, 0, 1);
        // With a multiplier of 1 the longest wait is never reached, so it may be shorter than the first.
        if (exponentialBackoffMultiplier != null && exponentialBackoffMultiplier > 1 && waitDuration != null
                && exponentialMaxWaitDuration != null && exponentialMaxWaitDuration.compareTo(waitDuration) < 0) {
            throw new IllegalArgumentException("exponentialMaxWaitDuration ("
                    + DurationText.format(exponentialMaxWaitDuration) + ") must be at least waitDuration ("
                    + DurationText.format(waitDuration) + ") when exponentialBackoffMultiplier is above 1, was "
                    + plain(exponentialBackoffMultiplier));
        }
        retryExceptions = retryExceptions == null ? null : List.copyOf(retryExceptions);
        ignoreExceptions = ignoreExceptions == null ? null : List.copyOf(ignoreExceptions);
    }

    /**
     * @return these settings, with every key left out taken from {@code defaults}, the budget's keys one by one
     * @throws IllegalArgumentException when the merged keys conflict
     */
    public RetrySettings withDefaults(RetrySettings defaults) {
        RetryBudgetSettings mergedBudget = budget == null ? defaults.budget
                : defaults.budget == null ? budget : budget.withDefaults(defaults.budget);
        return new RetrySettings(or(maxAttempts, defaults.maxAttempts), or(waitDuration, defaults.waitDuration),
                or(exponentialBackoffMultiplier, defaults.exponentialBackoffMultiplier),
                or(exponentialMaxWaitDuration, defaults.exponentialMaxWaitDuration),
                or(randomizedWaitFactor, defaults.randomizedWaitFactor), or(retryExceptions, defaults.retryExceptions),
                or(ignoreExceptions, defaults.ignoreExceptions), mergedBudget);
    }

    RetrySettings complete() {
        return withDefaults(BUILT_IN);
    }

    /** @return the retry's configuration; call on merged settings, whose keys are all there */
    public RetryConfig toConfig() {
        return new RetryConfig(maxAttempts, waitDuration, exponentialBackoffMultiplier, exponentialMaxWaitDuration,
                randomizedWaitFactor, retryExceptions, ignoreExceptions,
                new RetryBudgetConfig(budget.maxRetryRatio(), budget.minRetriesPerSecond()));
    }
}
