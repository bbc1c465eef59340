package dev.bulwark.policies.circuitbreaker.internal;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The outcomes of the last {@code size} calls, kept in a ring without a lock.
 *
 * <p>Each call claims a slot with one atomic increment and swaps its outcome in, so the failure count stays
 * exact as slots are overwritten. Readers may see a call counted a moment before its outcome lands; that is
 * the price of not taking a lock per call, which resilience4j's default window does.
 */
final class CountBasedWindow {
    private static final int SUCCESS = 1;
    private static final int FAILURE = 2;

    private final int size;
    private final int minimumNumberOfCalls;
    private final AtomicIntegerArray outcomes;
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final LongAdder notPermitted = new LongAdder();

    CountBasedWindow(int size, int minimumNumberOfCalls) {
        this.size = size;
        this.minimumNumberOfCalls = minimumNumberOfCalls;
        this.outcomes = new AtomicIntegerArray(size);
    }

    /**
     * Records one outcome. A record counts as buffered only once its failure is counted too, so that the thread
     * completing the window sees every outcome in it.
     *
     * @return how many records have completed, this one included
     */
    long record(boolean failure) {
        int slot = (int) (claimed.getAndIncrement() % size);
        int previous = outcomes.getAndSet(slot, failure ? FAILURE : SUCCESS);
        int delta = (failure ? 1 : 0) - (previous == FAILURE ? 1 : 0);
        if (delta != 0) {
            failed.addAndGet(delta);
        }
        return completed.incrementAndGet();
    }

    /** @return the number of slots: in half-open state, the record that completes this many decides */
    int size() {
        return size;
    }

    void recordNotPermitted() {
        notPermitted.increment();
    }

    float failureRate() {
        int buffered = bufferedCalls();
        if (buffered < minimumNumberOfCalls) {
            return -1f;
        }
        return failedCalls() * 100f / buffered;
    }

    int bufferedCalls() {
        return (int) Math.min(completed.get(), size);
    }

    int failedCalls() {
        return (int) failed.get();
    }

    long notPermittedCalls() {
        return notPermitted.sum();
    }

}
