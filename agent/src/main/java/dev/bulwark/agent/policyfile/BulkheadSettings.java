package dev.bulwark.agent.policyfile;

import dev.bulwark.policies.bulkhead.BulkheadConfig;

import java.time.Duration;

import static dev.bulwark.agent.policyfile.KeyMerge.or;
import static dev.bulwark.agent.policyfile.SettingRange.requireBetween;

/**
 * A {@code bulkhead} block as written, in a policy or in {@code defaults}: how many calls may run at once, and how
 * long a call waits for a place. Every key optional; merged key by key with {@code defaults}, then resilience4j's.
 *
 * @param maxConcurrentCalls calls running at once, 1 to 100,000 [25]
 * @param maxWaitDuration how long a call waits for a place before it is rejected, 0 to 1 h [0: not at all]
 */
public record BulkheadSettings(Integer maxConcurrentCalls, Duration maxWaitDuration) {
    static final BulkheadSettings NONE = new BulkheadSettings(null, null);
    static final BulkheadSettings BUILT_IN = new BulkheadSettings(25, Duration.ZERO);

    /** Checks each key's range, so that an error points at this block. */
    public BulkheadSettings {
        requireBetween("maxConcurrentCalls", maxConcurrentCalls, 1, 100_000);
        requireBetween("maxWaitDuration", maxWaitDuration, Duration.ZERO, Duration.ofHours(1));
    }

    /** @return these settings, with every key left out taken from {@code defaults} */
    public BulkheadSettings withDefaults(BulkheadSettings defaults) {
        return new BulkheadSettings(or(maxConcurrentCalls, defaults.maxConcurrentCalls),
                or(maxWaitDuration, defaults.maxWaitDuration));
    }

    BulkheadSettings complete() {
        return withDefaults(BUILT_IN);
    }

    /** @return the bulkhead's configuration; call on merged settings, whose keys are all there */
    public BulkheadConfig toConfig() {
        return new BulkheadConfig(maxConcurrentCalls, maxWaitDuration);
    }
}
