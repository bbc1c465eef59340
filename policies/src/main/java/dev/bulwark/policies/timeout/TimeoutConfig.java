package dev.bulwark.policies.timeout;

import java.time.Duration;

/**
 * The immutable settings of a {@link Timeout}: either a {@link FixedTimeoutConfig fixed duration} or an
 * {@link AdaptiveTimeoutConfig adaptive} one that follows a percentile of the latencies observed.
 *
 * <p>A sealed pair rather than one record with a nullable part, so that a {@code switch} over the two is
 * checked for completeness and neither shape carries settings that mean nothing to it.
 */
public sealed interface TimeoutConfig permits FixedTimeoutConfig, AdaptiveTimeoutConfig {

    /** The shortest timeout: anything shorter is below the watchdog's resolution. */
    Duration MIN_DURATION = Duration.ofMillis(1);
    /** The longest timeout. */
    Duration MAX_DURATION = Duration.ofHours(24);

    /**
     * @param duration how long a call may run, 1 ms to 24 h
     * @return a fixed timeout
     */
    static FixedTimeoutConfig fixed(Duration duration) {
        return new FixedTimeoutConfig(duration);
    }

    /** @return an adaptive timeout with the defaults: 1.5 × p95 of the last 1000 calls, within 50 ms to 10 s */
    static AdaptiveTimeoutConfig adaptive() {
        return AdaptiveTimeoutConfig.builder().build();
    }
}
