package dev.bulwark.agent.policyfile;

import static dev.bulwark.agent.policyfile.KeyMerge.or;
import static dev.bulwark.agent.policyfile.SettingRange.requireBetween;

/**
 * A retry's {@code budget}: retries may be at most {@code maxRetryRatio} of calls, plus {@code minRetriesPerSecond},
 * so that retries cannot multiply the load during an outage. Every key optional; merged key by key.
 *
 * @param maxRetryRatio retries per call, 0 to 10 [0.2]
 * @param minRetriesPerSecond retries always allowed, whatever the ratio, 0 to 1,000,000 [10]
 */
public record RetryBudgetSettings(Double maxRetryRatio, Integer minRetriesPerSecond) {
    static final RetryBudgetSettings NONE = new RetryBudgetSettings(null, null);
    static final RetryBudgetSettings BUILT_IN = new RetryBudgetSettings(0.2, 10);

    /** Checks each key's range, so that an error points at this block. */
    public RetryBudgetSettings {
        requireBetween("maxRetryRatio", maxRetryRatio, 0, 10);
        requireBetween("minRetriesPerSecond", minRetriesPerSecond, 0, 1_000_000);
    }

    /** @return these settings, with every key left out taken from {@code defaults} */
    public RetryBudgetSettings withDefaults(RetryBudgetSettings defaults) {
        return new RetryBudgetSettings(or(maxRetryRatio, defaults.maxRetryRatio),
                or(minRetriesPerSecond, defaults.minRetriesPerSecond));
    }
}
