package dev.bulwark.agent.policyfile;

import java.time.Duration;

import static dev.bulwark.agent.policyfile.KeyMerge.or;
import static dev.bulwark.agent.policyfile.SettingRange.requireBetween;

/**
 * A timeout's {@code adaptive} form: the timeout follows a percentile of recent call durations, times a
 * multiplier, kept between {@code min} and {@code max}. Every key optional.
 *
 * @param percentile the percentile of recent durations, 50 to 99.9 [95]
 * @param multiplier applied to the percentile, 1 to 10 [1.5]
 * @param min the shortest timeout, 1 ms to 24 h [50ms]
 * @param max the longest timeout, 1 ms to 24 h, at least {@code min} [10s]
 * @param samples how many recent durations the percentile is taken over, 10 to 100,000 [1000]
 */
public record AdaptiveTimeoutSettings(Double percentile, Double multiplier, Duration min, Duration max,
                                      Integer samples) {
    static final AdaptiveTimeoutSettings BUILT_IN = new AdaptiveTimeoutSettings(95.0, 1.5, Duration.ofMillis(50),
            Duration.ofSeconds(10), 1000);

    /** Checks each key's range, and {@code min} against {@code max} when both are given here. */
    public AdaptiveTimeoutSettings {
        requireBetween("percentile", percentile, 50, 99.9);
        requireBetween("multiplier", multiplier, 1, 10);
        requireBetween("min", min, Duration.ofMillis(1), Duration.ofHours(24));
        requireBetween("max", max, Duration.ofMillis(1), Duration.ofHours(24));
        requireBetween("samples", samples, 10, 100_000);
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min (" + DurationText.format(min) + ") must not exceed max ("
                    + DurationText.format(max) + ")");
        }
    }

    /** @throws IllegalArgumentException when a {@code min} or {@code max} given conflicts with the other's default */
    AdaptiveTimeoutSettings complete() {
        return new AdaptiveTimeoutSettings(or(percentile, BUILT_IN.percentile), or(multiplier, BUILT_IN.multiplier),
                or(min, BUILT_IN.min), or(max, BUILT_IN.max), or(samples, BUILT_IN.samples));
    }
}
