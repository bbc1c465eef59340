package dev.bulwark.policies.timeout;

import dev.bulwark.policies.timeout.internal.TrackingTimeout;

/**
 * A timeout policy: it says how long the next call may run, fixed or following recent latencies, and counts the
 * calls that overran. Enforcing it is the {@link Watchdog}'s job.
 *
 * <p>{@link #currentTimeoutNanos()} and {@link #recordLatency(long)} take no lock and allocate nothing; an
 * adaptive timeout recomputes its percentile only every tenth of its samples, on one thread.
 */
public interface Timeout {

    /**
     * @param name what operators know it by
     * @param config its settings
     * @return a timeout; an adaptive one starts at its {@code max}
     */
    static Timeout create(String name, TimeoutConfig config) {
        return new TrackingTimeout(name, config);
    }

    /** @return the name operators know this timeout by */
    String name();

    /** @return the settings in force */
    TimeoutConfig config();

    /** @return how long the next call may run, in nanoseconds */
    long currentTimeoutNanos();

    /**
     * Records the latency of a call that completed, successfully or not, but not of one that timed out (its
     * latency is the timeout itself and would feed it back to itself). Ignored by a fixed timeout.
     *
     * @param nanos how long the call took
     */
    void recordLatency(long nanos);

    /** Counts a call that overran its timeout. */
    void onTimeout();

    /** @return calls that overran, since creation */
    long timeouts();

    /**
     * Applies new settings from the next call on. An adaptive timeout keeps its latencies when the number of
     * samples stays the same; otherwise it starts collecting afresh and uses {@code max} until warmed up.
     *
     * @param config the new settings
     * @return {@code true}: every change can be applied in place
     */
    boolean reconfigure(TimeoutConfig config);
}
