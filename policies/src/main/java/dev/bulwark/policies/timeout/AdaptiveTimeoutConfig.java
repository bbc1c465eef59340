package dev.bulwark.policies.timeout;

import java.time.Duration;

/**
 * A timeout that follows the latencies of recent calls: {@code clamp(percentile × multiplier, min, max)} over
 * the latest {@code samples} completed calls, so that it tightens when the dependency is fast and loosens when
 * it slows down for everyone.
 *
 * <p>Until {@link #warmUpSamples()} calls have completed the timeout is {@code max}: a few early calls say little
 * about the tail, and cutting them short on a guess would fail calls that were fine.
 *
 * @param percentile the latency percentile to follow, 50 to 99.9
 * @param multiplier head-room over that percentile, 1 to 10
 * @param min the shortest timeout, 1 ms to {@code max}
 * @param max the longest timeout, and the timeout while warming up; {@code min} to 24 h
 * @param samples how many latest latencies the percentile is taken over, 10 to 100,000
 */
public record AdaptiveTimeoutConfig(double percentile, double multiplier, Duration min, Duration max, int samples)
        implements TimeoutConfig {

    /** Follow the 95th percentile by default. */
    public static final double DEFAULT_PERCENTILE = 95.0;
    /** Allow half as much again as the percentile by default. */
    public static final double DEFAULT_MULTIPLIER = 1.5;
    /** The default shortest timeout. */
    public static final Duration DEFAULT_MIN = Duration.ofMillis(50);
    /** The default longest timeout. */
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(10);
    /** The default number of latencies kept. */
    public static final int DEFAULT_SAMPLES = 1000;
    /** The fewest latencies kept. */
    public static final int MIN_SAMPLES = 10;
    /** The most latencies kept; they are allocated whole. */
    public static final int MAX_SAMPLES = 100_000;
    /** The most latencies awaited before the percentile is trusted. */
    public static final int MAX_WARM_UP_SAMPLES = 100;

    /** Checks every setting. */
    public AdaptiveTimeoutConfig {
        // Written so that NaN fails too.
        if (!(percentile >= 50.0 && percentile <= 99.9)) {
            throw new IllegalArgumentException("percentile must be between 50 and 99.9, was " + percentile);
        }
        if (!(multiplier >= 1.0 && multiplier <= 10.0)) {
            throw new IllegalArgumentException("multiplier must be between 1 and 10, was " + multiplier);
        }
        TimeoutDurations.require("min", min);
        TimeoutDurations.require("max", max);
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min must be at most max (" + max + "), was " + min);
        }
        if (samples < MIN_SAMPLES || samples > MAX_SAMPLES) {
            throw new IllegalArgumentException("samples must be between " + MIN_SAMPLES + " and " + MAX_SAMPLES
                    + ", was " + samples);
        }
    }

    /** @return completed calls needed before the percentile replaces {@code max}: {@code min(samples, 100)} */
    public int warmUpSamples() {
        return Math.min(samples, MAX_WARM_UP_SAMPLES);
    }

    /** @return a builder that starts from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AdaptiveTimeoutConfig}; every setting not given keeps its default. */
    public static final class Builder {
        private double percentile = DEFAULT_PERCENTILE;
        private double multiplier = DEFAULT_MULTIPLIER;
        private Duration min = DEFAULT_MIN;
        private Duration max = DEFAULT_MAX;
        private int samples = DEFAULT_SAMPLES;

        private Builder() {
        }

        /** @param value see {@link AdaptiveTimeoutConfig#percentile()} */
        public Builder percentile(double value) {
            this.percentile = value;
            return this;
        }

        /** @param value see {@link AdaptiveTimeoutConfig#multiplier()} */
        public Builder multiplier(double value) {
            this.multiplier = value;
            return this;
        }

        /** @param value see {@link AdaptiveTimeoutConfig#min()} */
        public Builder min(Duration value) {
            this.min = value;
            return this;
        }

        /** @param value see {@link AdaptiveTimeoutConfig#max()} */
        public Builder max(Duration value) {
            this.max = value;
            return this;
        }

        /** @param value see {@link AdaptiveTimeoutConfig#samples()} */
        public Builder samples(int value) {
            this.samples = value;
            return this;
        }

        /** @return the config; throws {@link IllegalArgumentException} naming the first setting out of range */
        public AdaptiveTimeoutConfig build() {
            return new AdaptiveTimeoutConfig(percentile, multiplier, min, max, samples);
        }
    }
}
