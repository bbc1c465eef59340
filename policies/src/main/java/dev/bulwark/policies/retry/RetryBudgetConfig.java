package dev.bulwark.policies.retry;

/**
 * The immutable settings of a retry budget: a cap on retries relative to first attempts, so that retries cannot
 * multiply the load on a dependency that is already failing (a retry storm).
 *
 * <p>Over a sliding window of {@value #WINDOW_SECONDS} seconds, retries may number at most
 * {@code maxRetryRatio × first attempts in the window + minRetriesPerSecond × } {@value #WINDOW_SECONDS}. The
 * ratio bounds the extra load; the floor lets a lightly used method retry at all. Envoy and Finagle budget the
 * same way.
 *
 * @param maxRetryRatio retries allowed per first attempt in the window, 0 to 10
 * @param minRetriesPerSecond retries allowed per second of the window whatever the traffic, 0 to 1,000,000
 */
public record RetryBudgetConfig(double maxRetryRatio, int minRetriesPerSecond) {

    /** The length of the sliding window, in seconds; it moves in one-second steps. */
    public static final int WINDOW_SECONDS = 10;
    /** Finagle's default: retries may add a fifth to the load. */
    public static final double DEFAULT_MAX_RETRY_RATIO = 0.2;
    /** Finagle's default floor, so that a method called rarely may still retry. */
    public static final int DEFAULT_MIN_RETRIES_PER_SECOND = 10;
    /** The largest ratio; beyond it a budget no longer protects anything. */
    public static final double MAX_RETRY_RATIO = 10.0;
    /** The largest floor. */
    public static final int MAX_MIN_RETRIES_PER_SECOND = 1_000_000;

    /** Checks every setting. */
    public RetryBudgetConfig {
        // Written so that NaN fails too.
        if (!(maxRetryRatio >= 0.0 && maxRetryRatio <= MAX_RETRY_RATIO)) {
            throw new IllegalArgumentException("maxRetryRatio must be between 0 and " + MAX_RETRY_RATIO + ", was "
                    + maxRetryRatio);
        }
        if (minRetriesPerSecond < 0 || minRetriesPerSecond > MAX_MIN_RETRIES_PER_SECOND) {
            throw new IllegalArgumentException("minRetriesPerSecond must be between 0 and "
                    + MAX_MIN_RETRIES_PER_SECOND + ", was " + minRetriesPerSecond);
        }
    }

    /** @return the defaults: ratio 0.2, 10 retries per second */
    public static RetryBudgetConfig defaults() {
        return builder().build();
    }

    /** @return a builder that starts from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RetryBudgetConfig}; every setting not given keeps its default. */
    public static final class Builder {
        private double maxRetryRatio = DEFAULT_MAX_RETRY_RATIO;
        private int minRetriesPerSecond = DEFAULT_MIN_RETRIES_PER_SECOND;

        private Builder() {
        }

        /** @param ratio see {@link RetryBudgetConfig#maxRetryRatio()} */
        public Builder maxRetryRatio(double ratio) {
            this.maxRetryRatio = ratio;
            return this;
        }

        /** @param retries see {@link RetryBudgetConfig#minRetriesPerSecond()} */
        public Builder minRetriesPerSecond(int retries) {
            this.minRetriesPerSecond = retries;
            return this;
        }

        /** @return the config; throws {@link IllegalArgumentException} naming the first setting out of range */
        public RetryBudgetConfig build() {
            return new RetryBudgetConfig(maxRetryRatio, minRetriesPerSecond);
        }
    }
}
