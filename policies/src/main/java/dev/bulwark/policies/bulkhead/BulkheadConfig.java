package dev.bulwark.policies.bulkhead;

import java.time.Duration;
import java.util.Objects;

/**
 * The immutable settings of a {@link Bulkhead}. Names and defaults are resilience4j's, so that a team moving
 * from resilience4j keeps its numbers.
 *
 * @param maxConcurrentCalls how many calls may run at once, 1 to 100,000
 * @param maxWaitDuration how long a call waits for a free place before it is refused, 0 (refuse at once) to 1 h
 */
public record BulkheadConfig(int maxConcurrentCalls, Duration maxWaitDuration) {

    /** resilience4j's default number of concurrent calls. */
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 25;
    /** resilience4j's default wait: none, a full bulkhead refuses at once. */
    public static final Duration DEFAULT_MAX_WAIT_DURATION = Duration.ZERO;
    /** The largest number of concurrent calls; more is a configuration mistake, not a limit. */
    public static final int MAX_CONCURRENT_CALLS = 100_000;
    /** The longest wait; a caller parked longer than this has been failed by the bulkhead in all but name. */
    public static final Duration MAX_WAIT_DURATION = Duration.ofHours(1);

    /** Checks every setting. */
    public BulkheadConfig {
        if (maxConcurrentCalls < 1 || maxConcurrentCalls > MAX_CONCURRENT_CALLS) {
            throw new IllegalArgumentException("maxConcurrentCalls must be between 1 and " + MAX_CONCURRENT_CALLS
                    + ", was " + maxConcurrentCalls);
        }
        Objects.requireNonNull(maxWaitDuration, "maxWaitDuration");
        if (maxWaitDuration.isNegative() || maxWaitDuration.compareTo(MAX_WAIT_DURATION) > 0) {
            throw new IllegalArgumentException("maxWaitDuration must be between 0 and 1h, was " + maxWaitDuration);
        }
    }

    /** @return resilience4j's defaults */
    public static BulkheadConfig defaults() {
        return builder().build();
    }

    /** @return a builder that starts from resilience4j's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link BulkheadConfig}; every setting not given keeps resilience4j's default. */
    public static final class Builder {
        private int maxConcurrentCalls = DEFAULT_MAX_CONCURRENT_CALLS;
        private Duration maxWaitDuration = DEFAULT_MAX_WAIT_DURATION;

        private Builder() {
        }

        /** @param calls see {@link BulkheadConfig#maxConcurrentCalls()} */
        public Builder maxConcurrentCalls(int calls) {
            this.maxConcurrentCalls = calls;
            return this;
        }

        /** @param wait see {@link BulkheadConfig#maxWaitDuration()} */
        public Builder maxWaitDuration(Duration wait) {
            this.maxWaitDuration = wait;
            return this;
        }

        /** @return the config; throws {@link IllegalArgumentException} naming the first setting out of range */
        public BulkheadConfig build() {
            return new BulkheadConfig(maxConcurrentCalls, maxWaitDuration);
        }
    }
}
