package dev.bulwark.policies.bulkhead.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The place accounting of a bulkhead: a limit and the number of calls holding a place, in one {@code long}
 * changed only by compare-and-set, so that "fewer running than the limit" and taking a place are one step.
 *
 * <p>Kept apart from the waiting so that it can be model-checked on its own; it never blocks.
 */
public final class ConcurrencyPermits {
    private static final long RUNNING_MASK = 0xFFFF_FFFFL;

    /** High 32 bits: the limit in force; low 32 bits: places taken and not yet given back. */
    private final AtomicLong limitAndRunning;

    /** @param limit the number of places, at least 1 */
    public ConcurrencyPermits(int limit) {
        this.limitAndRunning = new AtomicLong(pack(limit, 0));
    }

    /** @return whether a place was free and is now taken; one CAS unless another thread changed the word */
    public boolean tryTake() {
        while (true) {
            long current = limitAndRunning.get();
            if (running(current) >= limit(current)) {
                return false;
            }
            if (limitAndRunning.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /**
     * Gives a place back. A surplus call is ignored: counting below zero would raise the limit for good.
     *
     * @return whether a place was given back
     */
    public boolean giveBack() {
        while (true) {
            long current = limitAndRunning.get();
            if (running(current) == 0) {
                return false;
            }
            if (limitAndRunning.compareAndSet(current, current - 1)) {
                return true;
            }
        }
    }

    /**
     * Changes the limit; places already taken stay taken, even above the new limit.
     *
     * @param limit the new number of places, at least 1
     * @return the limit it replaced
     */
    public int setLimit(int limit) {
        while (true) {
            long current = limitAndRunning.get();
            if (limitAndRunning.compareAndSet(current, pack(limit, running(current)))) {
                return limit(current);
            }
        }
    }

    /** @return places free now, 0 while more run than a lowered limit */
    public int available() {
        long current = limitAndRunning.get();
        return Math.max(0, limit(current) - running(current));
    }

    /** @return the limit in force */
    public int limit() {
        return limit(limitAndRunning.get());
    }

    private static long pack(int limit, int running) {
        return ((long) limit << 32) | running;
    }

    private static int limit(long word) {
        return (int) (word >>> 32);
    }

    private static int running(long word) {
        return (int) (word & RUNNING_MASK);
    }
}
