package dev.bulwark.policies.retry.internal;

import dev.bulwark.policies.retry.RetryConfig;

/**
 * The wait before a retry, as a pure function of the attempt and a random number, so that it can be checked for
 * every input without threads or clocks.
 */
public final class Backoff {
    // Far beyond any configurable wait, yet far from overflow when a caller adds it to a clock reading.
    private static final double MAX_NANOS = (double) (Long.MAX_VALUE >> 2);

    private final double waitNanos;
    private final double multiplier;
    private final double maxWaitNanos;
    private final double randomizedWaitFactor;

    /** @param config where the wait, growth, cap and spread come from */
    public Backoff(RetryConfig config) {
        this.waitNanos = config.waitDuration().toNanos();
        this.multiplier = config.exponentialBackoffMultiplier();
        // resilience4j caps only a growing wait; a constant one is left as configured.
        this.maxWaitNanos = multiplier > 1.0 ? config.exponentialMaxWaitDuration().toNanos() : MAX_NANOS;
        this.randomizedWaitFactor = config.randomizedWaitFactor();
    }

    /**
     * @param attemptsMade attempts made so far, at least 1
     * @param random uniform in {@code [0, 1)}
     * @return the nanoseconds to wait before attempt {@code attemptsMade + 1}
     */
    public long waitNanos(int attemptsMade, double random) {
        // Bounded before it is randomised, so that an infinite product cannot turn into NaN below.
        double computed = Math.min(waitNanos * Math.pow(multiplier, attemptsMade - 1), MAX_NANOS);
        double spread = randomizedWaitFactor * computed;
        // Randomise first, then cap: resilience4j's order. Near the cap this piles waits up at the cap.
        double randomized = (computed - spread) + random * (2.0 * spread);
        return (long) Math.min(Math.min(randomized, maxWaitNanos), MAX_NANOS);
    }
}
