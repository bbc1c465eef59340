package dev.bulwark.agent.policyfile;

import dev.bulwark.policies.ratelimiter.RateLimiterConfig;

import java.time.Duration;

import static dev.bulwark.agent.policyfile.KeyMerge.or;
import static dev.bulwark.agent.policyfile.SettingRange.requireBetween;

/**
 * A {@code rateLimiter} block as written, in a policy or in {@code defaults}: at most {@code limitForPeriod} calls
 * per {@code limitRefreshPeriod}. Every key optional; merged key by key with {@code defaults}, then the built-in ones.
 *
 * @param limitForPeriod calls allowed per period, 1 to 1,000,000 [50]
 * @param limitRefreshPeriod the period, 1 ms to 24 h [1s; resilience4j's 500 ns cannot be written in a policy file]
 * @param timeoutDuration how long a call waits for a permission before it is rejected, 0 to 1 h [5s]
 */
public record RateLimiterSettings(Integer limitForPeriod, Duration limitRefreshPeriod, Duration timeoutDuration) {
    static final RateLimiterSettings NONE = new RateLimiterSettings(null, null, null);
    static final RateLimiterSettings BUILT_IN = new RateLimiterSettings(50, Duration.ofSeconds(1),
            Duration.ofSeconds(5));

    /** Checks each key's range, so that an error points at this block. */
    public RateLimiterSettings {
        requireBetween("limitForPeriod", limitForPeriod, 1, 1_000_000);
        requireBetween("limitRefreshPeriod", limitRefreshPeriod, Duration.ofMillis(1), Duration.ofHours(24));
        requireBetween("timeoutDuration", timeoutDuration, Duration.ZERO, Duration.ofHours(1));
    }

    /** @return these settings, with every key left out taken from {@code defaults} */
    public RateLimiterSettings withDefaults(RateLimiterSettings defaults) {
        return new RateLimiterSettings(or(limitForPeriod, defaults.limitForPeriod),
                or(limitRefreshPeriod, defaults.limitRefreshPeriod), or(timeoutDuration, defaults.timeoutDuration));
    }

    RateLimiterSettings complete() {
        return withDefaults(BUILT_IN);
    }

    /** @return the rate limiter's configuration; call on merged settings, whose keys are all there */
    public RateLimiterConfig toConfig() {
        return new RateLimiterConfig(limitForPeriod, limitRefreshPeriod, timeoutDuration);
    }
}
