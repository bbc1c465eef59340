package dev.bulwark.agent.policyfile;

import dev.bulwark.policies.timeout.TimeoutConfig;

import dev.bulwark.policies.timeout.FixedTimeoutConfig;

import dev.bulwark.policies.timeout.AdaptiveTimeoutConfig;

import java.time.Duration;

import static dev.bulwark.agent.policyfile.SettingRange.requireBetween;

/**
 * A {@code timeout} block as written, in a policy or in {@code defaults}: a fixed {@code duration} or an
 * {@code adaptive} one, not both. Unlike the other blocks it is not merged key by key: a policy's block that names
 * a form replaces the default block entirely, and an empty one ({@code {}}) takes the default block.
 *
 * @param duration a fixed timeout, 1 ms to 24 h; [1s, resilience4j's, when neither form is given anywhere]
 * @param adaptive an adaptive timeout
 */
public record TimeoutSettings(Duration duration, AdaptiveTimeoutSettings adaptive) {
    static final TimeoutSettings NONE = new TimeoutSettings(null, null);
    /** resilience4j's TimeLimiter waits 1 s by default. */
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(1);

    /** Checks the duration's range and that at most one form is given. */
    public TimeoutSettings {
        if (duration != null && adaptive != null) {
            throw new IllegalArgumentException("give either \"duration\" or \"adaptive\", not both");
        }
        requireBetween("duration", duration, Duration.ofMillis(1), Duration.ofHours(24));
    }

    /** @return whether this block names the adaptive form */
    public boolean isAdaptive() {
        return adaptive != null;
    }

    /** @return this block if it names a form, else {@code defaults}: the two forms do not mix */
    public TimeoutSettings withDefaults(TimeoutSettings defaults) {
        return duration != null || adaptive != null ? this : defaults;
    }

    TimeoutSettings complete() {
        if (adaptive != null) {
            return new TimeoutSettings(null, adaptive.complete());
        }
        return duration != null ? this : new TimeoutSettings(DEFAULT_DURATION, null);
    }

    /** @return the timeout's configuration; call on merged settings, whose keys are all there */
    public TimeoutConfig toConfig() {
        if (adaptive == null) {
            return new FixedTimeoutConfig(duration);
        }
        return new AdaptiveTimeoutConfig(adaptive.percentile(), adaptive.multiplier(), adaptive.min(), adaptive.max(),
                adaptive.samples());
    }
}
