package dev.bulwark.policies.timeout.internal;

import dev.bulwark.policies.timeout.AdaptiveTimeoutConfig;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The latest latencies in a ring, and the timeout derived from them: {@code clamp(percentile × multiplier, min,
 * max)}, or {@code max} while warming up.
 *
 * <p>A writer claims a slot with one {@code getAndIncrement} and writes it; no lock. Every tenth of the ring's
 * size, the one writer that wins a flag copies the ring, selects the percentile and publishes the new timeout,
 * so that everybody else only ever reads a volatile.
 */
final class LatencyWindow {
    private static final long EMPTY = -1L;

    private final int size;
    private final AtomicLongArray ring;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicBoolean recomputing = new AtomicBoolean();
    // Touched only by the thread holding `recomputing`.
    private final long[] scratch;
    private volatile long recordedAtLastRecompute;
    private volatile boolean derived;
    private volatile AdaptiveTimeoutConfig config;
    private volatile long timeoutNanos;

    LatencyWindow(AdaptiveTimeoutConfig config) {
        this.size = config.samples();
        this.ring = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            ring.set(i, EMPTY);
        }
        this.scratch = new long[size];
        this.config = config;
        this.timeoutNanos = config.max().toNanos();
    }

    int size() {
        return size;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    /** Takes new factors and bounds; they apply at the next recomputation, which is brought forward to now. */
    void reconfigure(AdaptiveTimeoutConfig next) {
        this.config = next;
        if (recorded.get() < next.warmUpSamples()) {
            derived = false;
            timeoutNanos = next.max().toNanos();
        } else {
            tryRecompute();
        }
    }

    void record(long nanos) {
        long count = recorded.getAndIncrement() + 1;
        ring.lazySet((int) ((count - 1) % size), Math.max(nanos, 0));
        int warmUp = config.warmUpSamples();
        // The first percentile as soon as warmed up, then one every tenth of the ring.
        if (count >= warmUp && (!derived || count - recordedAtLastRecompute >= step())) {
            tryRecompute();
        }
    }

    private int step() {
        return Math.max(1, size / 10);
    }

    private void tryRecompute() {
        if (!recomputing.compareAndSet(false, true)) {
            return;
        }
        try {
            long count = recorded.get();
            int filled = 0;
            for (int i = 0; i < size; i++) {
                long latency = ring.get(i);
                // Slots claimed but not yet written still read EMPTY; leaving them out beats counting them as 0.
                if (latency != EMPTY) {
                    scratch[filled++] = latency;
                }
            }
            AdaptiveTimeoutConfig current = config;
            // Short of samples only when writers raced the copy; then the next record tries again.
            if (filled >= current.warmUpSamples()) {
                timeoutNanos = derive(current, scratch, filled);
                recordedAtLastRecompute = count;
                derived = true;
            }
        } finally {
            recomputing.set(false);
        }
    }

    private static long derive(AdaptiveTimeoutConfig config, long[] latencies, int count) {
        long percentile = NearestRank.of(latencies, count, config.percentile());
        double proposed = percentile * config.multiplier();
        long min = config.min().toNanos();
        long max = config.max().toNanos();
        return (long) Math.max(min, Math.min(max, proposed));
    }
}
