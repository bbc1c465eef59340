package dev.bulwark.policies.circuitbreaker.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outcomes of the last {@code size} calls, kept in a ring without a lock.
 *
 * <p>Each call claims a slot with one atomic increment and swaps its outcome in; the change it makes to the counts
 * of calls, failures and slow calls goes into one packed {@code long} with one atomic add, which hands back an
 * exact snapshot of the three, so a decision is taken on a consistent window.
 *
 * <p>Once the ring holds {@code size} outcomes that are all fast successes, another fast success changes nothing
 * anyone could observe (the ring still holds {@code size} fast successes, and a ring of equal outcomes looks the
 * same from any slot), so it writes nothing: a healthy breaker's calls share no written cache line. The first
 * failure or slow call takes the full path, and from then on every outcome is written, so that failure leaves
 * the window after exactly {@code size} later calls.
 */
final class CountBasedWindow extends SlidingWindow {
    private static final int PRESENT = 1;
    private static final int FAILED = 2;
    private static final int SLOW = 4;
    private static final int SLOW_FAILED = PRESENT | FAILED | SLOW;

    // Three signed 21-bit fields: a transiently negative field (an overwrite counted before the write it undoes)
    // decodes exactly and never borrows from its neighbour. 100,000 calls fit in 20 bits.
    private static final int FIELD_BITS = 21;
    private static final int CALLS_SHIFT = 2 * FIELD_BITS;

    private final int size;
    private final long fullOfFastSuccesses;
    private final AtomicIntegerArray outcomes;
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong counts = new AtomicLong();
    private final AtomicInteger slowFailed = new AtomicInteger();

    CountBasedWindow(int size, int minimumNumberOfCalls) {
        super(minimumNumberOfCalls);
        this.size = size;
        this.fullOfFastSuccesses = pack(size, 0, 0);
        this.outcomes = new AtomicIntegerArray(size);
    }

    @Override
    void record(boolean failed, boolean slow) {
        recordForSnapshot(failed, slow);
    }

    @Override
    int recordAndJudge(boolean failed, boolean slow, float failureRateThreshold, float slowCallRateThreshold) {
        long snapshot = recordForSnapshot(failed, slow);
        if (snapshot == fullOfFastSuccesses) {
            // Both rates are 0 and every threshold is at least 1 %: nothing to work out.
            return BELOW_THRESHOLDS;
        }
        return judge(calls(snapshot), failed(snapshot), slow(snapshot), failureRateThreshold, slowCallRateThreshold);
    }

    /**
     * Records one outcome.
     *
     * @return the packed counts as this outcome left them; read them with {@link #calls(long)}, {@link #failed(long)}
     *     and {@link #slow(long)}
     */
    long recordForSnapshot(boolean failed, boolean slow) {
        if (!failed && !slow) {
            long current = counts.get();
            if (current == fullOfFastSuccesses) {
                return current;
            }
        }
        int outcome = PRESENT | (failed ? FAILED : 0) | (slow ? SLOW : 0);
        int slot = (int) (claimed.getAndIncrement() % size);
        int previous = outcomes.getAndSet(slot, outcome);
        if ((outcome == SLOW_FAILED) != (previous == SLOW_FAILED)) {
            slowFailed.addAndGet(outcome == SLOW_FAILED ? 1 : -1);
        }
        long delta = contribution(outcome) - contribution(previous);
        return delta == 0 ? counts.get() : counts.addAndGet(delta);
    }

    int size() {
        return size;
    }

    @Override
    int bufferedCalls() {
        return (int) calls(counts.get());
    }

    @Override
    int failedCalls() {
        return (int) failed(counts.get());
    }

    @Override
    int slowCalls() {
        return (int) slow(counts.get());
    }

    @Override
    int slowFailedCalls() {
        return slowFailed.get();
    }

    private static long contribution(int outcome) {
        return pack(outcome & PRESENT, (outcome & FAILED) != 0 ? 1 : 0, (outcome & SLOW) != 0 ? 1 : 0);
    }

    private static long pack(long calls, long failed, long slow) {
        return (calls << CALLS_SHIFT) + (failed << FIELD_BITS) + slow;
    }

    static long slow(long packed) {
        return (packed << (Long.SIZE - FIELD_BITS)) >> (Long.SIZE - FIELD_BITS);
    }

    static long failed(long packed) {
        long rest = (packed - slow(packed)) >> FIELD_BITS;
        return (rest << (Long.SIZE - FIELD_BITS)) >> (Long.SIZE - FIELD_BITS);
    }

    static long calls(long packed) {
        long rest = (packed - slow(packed)) >> FIELD_BITS;
        return (rest - failed(packed)) >> FIELD_BITS;
    }
}
