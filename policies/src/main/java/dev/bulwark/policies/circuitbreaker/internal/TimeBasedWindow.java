package dev.bulwark.policies.circuitbreaker.internal;

import dev.bulwark.policies.time.NanoClock;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The outcomes of calls that ended in the last {@code size} seconds, in one bucket per second of the clock, as
 * resilience4j's {@code SlidingTimeWindowMetrics} keeps them, but without its lock.
 *
 * <p>Running totals are kept beside the buckets: a call adds to its second's bucket and then to the totals; a
 * bucket whose second has left the window is emptied with {@code getAndSet(0)} and exactly what it held is taken
 * off the totals, so nothing is ever counted twice or left behind. Emptying a bucket happens at most once per
 * second per bucket; while it happens (four atomic swaps), a call for that bucket spins rather than lose its
 * outcome. A call that read its bucket just before it was reused for a later second lands in that later second,
 * which is as if it had ended a moment later.
 */
final class TimeBasedWindow extends SlidingWindow {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long RESETTING = Long.MIN_VALUE;
    private static final int CALLS = 0;
    private static final int FAILED = 1;
    private static final int SLOW = 2;
    private static final int SLOW_FAILED = 3;
    private static final int COUNTERS = 4;

    private final int size;
    private final NanoClock clock;
    /** The second each bucket counts, or {@link #RESETTING} while it is being emptied for a new one. */
    private final AtomicLongArray seconds;
    private final AtomicLongArray buckets;
    private final AtomicLongArray totals = new AtomicLongArray(COUNTERS);
    /** The latest second the window has moved to: every bucket counts a second in {@code (head - size, head]}. */
    private final AtomicLong head;

    TimeBasedWindow(int sizeInSeconds, int minimumNumberOfCalls, NanoClock clock) {
        super(minimumNumberOfCalls);
        this.size = sizeInSeconds;
        this.clock = clock;
        this.seconds = new AtomicLongArray(sizeInSeconds);
        this.buckets = new AtomicLongArray(sizeInSeconds * COUNTERS);
        long now = currentSecond();
        this.head = new AtomicLong(now);
        for (long second = now - sizeInSeconds + 1; second <= now; second++) {
            seconds.set(index(second), second);
        }
    }

    @Override
    void record(boolean failed, boolean slow) {
        long second = currentSecond();
        moveTo(second);
        int bucket = claimBucket(second) * COUNTERS;
        add(bucket, CALLS);
        if (failed) {
            add(bucket, FAILED);
        }
        if (slow) {
            add(bucket, SLOW);
            if (failed) {
                add(bucket, SLOW_FAILED);
            }
        }
    }

    @Override
    int recordAndJudge(boolean failed, boolean slow, float failureRateThreshold, float slowCallRateThreshold) {
        record(failed, slow);
        return judge(totals.get(CALLS), totals.get(FAILED), totals.get(SLOW), failureRateThreshold,
                slowCallRateThreshold);
    }

    @Override
    int bufferedCalls() {
        return total(CALLS);
    }

    @Override
    int failedCalls() {
        return total(FAILED);
    }

    @Override
    int slowCalls() {
        return total(SLOW);
    }

    @Override
    int slowFailedCalls() {
        return total(SLOW_FAILED);
    }

    /** Reading moves the window to now first, so that outcomes whose second has passed no longer show. */
    private int total(int counter) {
        moveTo(currentSecond());
        return (int) totals.get(counter);
    }

    private void add(int bucket, int counter) {
        buckets.getAndIncrement(bucket + counter);
        totals.getAndIncrement(counter);
    }

    private long currentSecond() {
        return Math.floorDiv(clock.nanoTime(), NANOS_PER_SECOND);
    }

    private int index(long second) {
        return (int) Math.floorMod(second, (long) size);
    }

    /** Empties the buckets of the seconds between the head and {@code second}: they hold seconds now out of the window. */
    private void moveTo(long second) {
        long current;
        while ((current = head.get()) < second) {
            if (head.compareAndSet(current, second)) {
                for (long next = Math.max(current + 1, second - size + 1); next <= second; next++) {
                    renew(index(next), next);
                }
                return;
            }
        }
    }

    /** @return the index of the bucket for {@code second}, emptied for it if it still held an older second */
    private int claimBucket(long second) {
        int index = index(second);
        renew(index, second);
        return index;
    }

    private void renew(int index, long second) {
        while (true) {
            long held = seconds.get(index);
            if (held == RESETTING) {
                Thread.onSpinWait();
            } else if (held >= second) {
                return;
            } else if (seconds.compareAndSet(index, held, RESETTING)) {
                for (int counter = 0; counter < COUNTERS; counter++) {
                    long expired = buckets.getAndSet(index * COUNTERS + counter, 0);
                    if (expired != 0) {
                        totals.getAndAdd(counter, -expired);
                    }
                }
                seconds.set(index, second);
                return;
            }
        }
    }
}
