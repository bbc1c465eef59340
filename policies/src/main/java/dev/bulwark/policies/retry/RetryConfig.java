package dev.bulwark.policies.retry;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The immutable settings of a {@link Retry}. Names are resilience4j's, so that a team moving from resilience4j
 * keeps its numbers; the budget is Bulwark's own (resilience4j has none).
 *
 * <p>The wait after attempt {@code n} starts from {@code w = waitDuration × multiplier^(n−1)}, is drawn uniformly
 * from {@code [w·(1−f), w·(1+f)]} with {@code f = randomizedWaitFactor}, and then, when the multiplier is above
 * 1, capped at {@code exponentialMaxWaitDuration}. Randomising before capping is the order of resilience4j's
 * {@code IntervalFunction.ofExponentialRandomBackoff(initial, multiplier, factor, max)}; with a constant wait
 * (multiplier 1) resilience4j applies no cap, and neither does Bulwark.
 *
 * @param maxAttempts attempts in all, the first one included, 1 to 100; 1 means never retry
 * @param waitDuration the wait before the first retry, 0 to 1 h
 * @param exponentialBackoffMultiplier growth of the wait per retry, 1.0 (constant) to 10.0
 * @param exponentialMaxWaitDuration the longest wait once the wait grows, 1 ms to 1 h; at least
 *     {@code waitDuration} when the multiplier is above 1
 * @param randomizedWaitFactor spread of the wait around its computed value, 0 (none) to 1 (from 0 to twice it,
 *     the same mean); defaults to 1, full jitter, so that clients failing together do not retry together
 * @param retryExceptions fully qualified names of the errors to retry, subclasses included; empty means every
 *     error
 * @param ignoreExceptions fully qualified names of the errors never to retry, subclasses included; an error
 *     matching both lists is not retried
 * @param budget the cap on retries relative to first attempts
 */
public record RetryConfig(
        int maxAttempts,
        Duration waitDuration,
        double exponentialBackoffMultiplier,
        Duration exponentialMaxWaitDuration,
        double randomizedWaitFactor,
        List<String> retryExceptions,
        List<String> ignoreExceptions,
        RetryBudgetConfig budget) {

    /** resilience4j's default number of attempts, the first one included. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** The most attempts a call may make. */
    public static final int MAX_ATTEMPTS = 100;
    /** resilience4j's default wait between attempts. */
    public static final Duration DEFAULT_WAIT_DURATION = Duration.ofMillis(500);
    /** The longest wait between attempts; a caller blocked longer has given up long ago. */
    public static final Duration MAX_WAIT_DURATION = Duration.ofHours(1);
    /** No growth: every retry waits {@code waitDuration}, randomised. */
    public static final double DEFAULT_EXPONENTIAL_BACKOFF_MULTIPLIER = 1.0;
    /** The largest growth per retry. */
    public static final double MAX_EXPONENTIAL_BACKOFF_MULTIPLIER = 10.0;
    /** The default cap on a growing wait. */
    public static final Duration DEFAULT_EXPONENTIAL_MAX_WAIT_DURATION = Duration.ofSeconds(30);
    /** The shortest cap on a growing wait. */
    public static final Duration MIN_EXPONENTIAL_MAX_WAIT_DURATION = Duration.ofMillis(1);
    /** Full jitter: waits spread from 0 to twice the computed wait. */
    public static final double DEFAULT_RANDOMIZED_WAIT_FACTOR = 1.0;

    /** Checks every setting and copies the lists. */
    public RetryConfig {
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and " + MAX_ATTEMPTS + ", was "
                    + maxAttempts);
        }
        requireDuration("waitDuration", waitDuration, Duration.ZERO, MAX_WAIT_DURATION);
        requireFactor("exponentialBackoffMultiplier", exponentialBackoffMultiplier, 1.0,
                MAX_EXPONENTIAL_BACKOFF_MULTIPLIER);
        requireDuration("exponentialMaxWaitDuration", exponentialMaxWaitDuration, MIN_EXPONENTIAL_MAX_WAIT_DURATION,
                MAX_WAIT_DURATION);
        if (exponentialBackoffMultiplier > 1.0 && exponentialMaxWaitDuration.compareTo(waitDuration) < 0) {
            throw new IllegalArgumentException("exponentialMaxWaitDuration must be at least waitDuration ("
                    + waitDuration + ") when exponentialBackoffMultiplier is above 1, was "
                    + exponentialMaxWaitDuration);
        }
        requireFactor("randomizedWaitFactor", randomizedWaitFactor, 0.0, 1.0);
        retryExceptions = List.copyOf(Objects.requireNonNull(retryExceptions, "retryExceptions"));
        ignoreExceptions = List.copyOf(Objects.requireNonNull(ignoreExceptions, "ignoreExceptions"));
        Objects.requireNonNull(budget, "budget");
    }

    /** @return resilience4j's defaults, full jitter and the default budget */
    public static RetryConfig defaults() {
        return builder().build();
    }

    /** @return a builder that starts from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    private static void requireDuration(String name, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between " + text(min) + " and " + text(max)
                    + ", was " + value);
        }
    }

    private static void requireFactor(String name, double value, double min, double max) {
        // Written so that NaN fails too.
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static String text(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /** Builds a {@link RetryConfig}; every setting not given keeps its default. */
    public static final class Builder {
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration waitDuration = DEFAULT_WAIT_DURATION;
        private double exponentialBackoffMultiplier = DEFAULT_EXPONENTIAL_BACKOFF_MULTIPLIER;
        private Duration exponentialMaxWaitDuration = DEFAULT_EXPONENTIAL_MAX_WAIT_DURATION;
        private double randomizedWaitFactor = DEFAULT_RANDOMIZED_WAIT_FACTOR;
        private List<String> retryExceptions = List.of();
        private List<String> ignoreExceptions = List.of();
        private RetryBudgetConfig budget = RetryBudgetConfig.defaults();

        private Builder() {
        }

        /** @param attempts see {@link RetryConfig#maxAttempts()} */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        /** @param wait see {@link RetryConfig#waitDuration()} */
        public Builder waitDuration(Duration wait) {
            this.waitDuration = wait;
            return this;
        }

        /** @param multiplier see {@link RetryConfig#exponentialBackoffMultiplier()} */
        public Builder exponentialBackoffMultiplier(double multiplier) {
            this.exponentialBackoffMultiplier = multiplier;
            return this;
        }

        /** @param maxWait see {@link RetryConfig#exponentialMaxWaitDuration()} */
        public Builder exponentialMaxWaitDuration(Duration maxWait) {
            this.exponentialMaxWaitDuration = maxWait;
            return this;
        }

        /** @param factor see {@link RetryConfig#randomizedWaitFactor()} */
        public Builder randomizedWaitFactor(double factor) {
            this.randomizedWaitFactor = factor;
            return this;
        }

        /** @param classNames see {@link RetryConfig#retryExceptions()} */
        public Builder retryExceptions(String... classNames) {
            this.retryExceptions = List.of(classNames);
            return this;
        }

        /** @param classNames see {@link RetryConfig#ignoreExceptions()} */
        public Builder ignoreExceptions(String... classNames) {
            this.ignoreExceptions = List.of(classNames);
            return this;
        }

        /** @param budgetConfig see {@link RetryConfig#budget()} */
        public Builder budget(RetryBudgetConfig budgetConfig) {
            this.budget = budgetConfig;
            return this;
        }

        /** @return the config; throws {@link IllegalArgumentException} naming the first setting out of range */
        public RetryConfig build() {
            return new RetryConfig(maxAttempts, waitDuration, exponentialBackoffMultiplier,
                    exponentialMaxWaitDuration, randomizedWaitFactor, retryExceptions, ignoreExceptions, budget);
        }
    }
}
