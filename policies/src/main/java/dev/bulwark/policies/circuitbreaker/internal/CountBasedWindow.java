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
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final LongAdder notPermitted = new LongAdder();

    CountBasedWindow(int size, int minimumNumberOfCalls) {
        this.size = size;
        this.minimumNumberOfCalls = minimumNumberOfCalls;
        this.outcomes = new AtomicIntegerArray(size);
    }

    /**
     * Records one outcome.
     *
     * @return the failure rate in percent after this call, or -1 below the minimum number of calls
     */
    float record(boolean failure) {
        int slot = (int) (recorded.getAndIncrement() % size);
        int previous = outcomes.getAndSet(slot, failure ? FAILURE : SUCCESS);
        int delta = (failure ? 1 : 0) - (previous == FAILURE ? 1 : 0);
        if (delta != 0) {
            failed.addAndGet(delta);
        }
        return failureRate();
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
        return (int) Math.min(recorded.get(), size);
    }

    int failedCalls() {
        return (int) failed.get();
    }

    long notPermittedCalls() {
        return notPermitted.sum();
    }

    /** @return whether every slot holds an outcome: in half-open state, the trial is complete */
    boolean isFull() {
        return recorded.get() >= size;
    }
}
