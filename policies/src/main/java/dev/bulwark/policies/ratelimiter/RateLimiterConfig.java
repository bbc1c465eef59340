package dev.bulwark.policies.ratelimiter;

import java.time.Duration;
import java.util.Objects;

/**
 * The immutable settings of a {@link RateLimiter}. Names, defaults and the shortest refresh period are
 * resilience4j's, so that a team moving from resilience4j keeps its numbers.
 *
 * @param limitForPeriod calls allowed in each period, 1 to 1,000,000
 * @param limitRefreshPeriod the length of a period, after which the allowance is renewed, 1 ns to 24 h
 * @param timeoutDuration how long a call may wait for an allowance of a coming period, 0 (never wait) to 1 h
 */
public record RateLimiterConfig(int limitForPeriod, Duration limitRefreshPeriod, Duration timeoutDuration) {

    /** resilience4j's default number of calls per period. */
    public static final int DEFAULT_LIMIT_FOR_PERIOD = 50;
    /** resilience4j's default period. */
    public static final Duration DEFAULT_LIMIT_REFRESH_PERIOD = Duration.ofNanos(500);
    /** resilience4j's default wait for a permission. */
    public static final Duration DEFAULT_TIMEOUT_DURATION = Duration.ofSeconds(5);
    /** The most calls per period; it keeps the count of a period and its reservations in a few bits. */
    public static final int MAX_LIMIT_FOR_PERIOD = 1_000_000;
    /** The shortest period, resilience4j's. */
    public static final Duration MIN_LIMIT_REFRESH_PERIOD = Duration.ofNanos(1);
    /** The longest period. */
    public static final Duration MAX_LIMIT_REFRESH_PERIOD = Duration.ofHours(24);
    /** The longest wait for a permission. */
    public static final Duration MAX_TIMEOUT_DURATION = Duration.ofHours(1);

    /** Checks every setting. */
    public RateLimiterConfig {
        if (limitForPeriod < 1 || limitForPeriod > MAX_LIMIT_FOR_PERIOD) {
            throw new IllegalArgumentException("limitForPeriod must be between 1 and " + MAX_LIMIT_FOR_PERIOD
                    + ", was " + limitForPeriod);
        }
        Objects.requireNonNull(limitRefreshPeriod, "limitRefreshPeriod");
        if (limitRefreshPeriod.compareTo(MIN_LIMIT_REFRESH_PERIOD) < 0
                || limitRefreshPeriod.compareTo(MAX_LIMIT_REFRESH_PERIOD) > 0) {
            throw new IllegalArgumentException("limitRefreshPeriod must be between 1ns and 24h, was "
                    + limitRefreshPeriod);
        }
        Objects.requireNonNull(timeoutDuration, "timeoutDuration");
        if (timeoutDuration.isNegative() || timeoutDuration.compareTo(MAX_TIMEOUT_DURATION) > 0) {
            throw new IllegalArgumentException("timeoutDuration must be between 0 and 1h, was " + timeoutDuration);
        }
    }

    /** @return resilience4j's defaults */
    public static RateLimiterConfig defaults() {
        return builder().build();
    }

    /** @return a builder that starts from resilience4j's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RateLimiterConfig}; every setting not given keeps resilience4j's default. */
    public static final class Builder {
        private int limitForPeriod = DEFAULT_LIMIT_FOR_PERIOD;
        private Duration limitRefreshPeriod = DEFAULT_LIMIT_REFRESH_PERIOD;
        private Duration timeoutDuration = DEFAULT_TIMEOUT_DURATION;

        private Builder() {
        }

        /** @param calls see {@link RateLimiterConfig#limitForPeriod()} */
        public Builder limitForPeriod(int calls) {
            this.limitForPeriod = calls;
            return this;
        }

        /** @param period see {@link RateLimiterConfig#limitRefreshPeriod()} */
        public Builder limitRefreshPeriod(Duration period) {
            this.limitRefreshPeriod = period;
            return this;
        }

        /** @param timeout see {@link RateLimiterConfig#timeoutDuration()} */
        public Builder timeoutDuration(Duration timeout) {
            this.timeoutDuration = timeout;
            return this;
        }

        /** @return the config; throws {@link IllegalArgumentException} naming the first setting out of range */
        public RateLimiterConfig build() {
            return new RateLimiterConfig(limitForPeriod, limitRefreshPeriod, timeoutDuration);
        }
    }
}
