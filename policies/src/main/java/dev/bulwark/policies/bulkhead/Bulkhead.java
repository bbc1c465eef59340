package dev.bulwark.policies.bulkhead;

import dev.bulwark.policies.bulkhead.internal.PermitCountingBulkhead;

/**
 * A bulkhead: it caps how many calls run at once, so that one slow dependency cannot take every thread.
 *
 * <p>A caller asks {@link #tryAcquirePermission()} before a call and, only if permitted, calls
 * {@link #onComplete()} once when the call ends, however it ends. With a free place this takes no lock and
 * allocates nothing; a call finds a place free or waits up to {@link BulkheadConfig#maxWaitDuration()}.
 */
public interface Bulkhead {

    /**
     * Creates an empty bulkhead.
     *
     * @param name what operators know it by
     * @param config its settings
     */
    static Bulkhead create(String name, BulkheadConfig config) {
        return new PermitCountingBulkhead(name, config);
    }

    /** @return the name operators know this bulkhead by */
    String name();

    /** @return the settings this bulkhead runs with */
    BulkheadConfig config();

    /**
     * Asks for a place to run a call. When none is free it waits up to the configured wait. A free place is
     * taken even if the thread is interrupted; a thread that is interrupted before or while it waits stops
     * waiting, is refused and keeps its interrupt flag set. Waiters are not served in arrival order: a new
     * call may take a place freed while others wait (as a non-fair {@link java.util.concurrent.Semaphore}).
     *
     * @return whether the call may go ahead; if so, it must be followed by exactly one {@link #onComplete()}
     */
    boolean tryAcquirePermission();

    /**
     * Gives back the place of a permitted call. A surplus call (more completions than permits) is ignored
     * rather than allowed to raise the limit.
     */
    void onComplete();

    /**
     * @return places free now; never negative, 0 while calls admitted under a higher limit still run after
     *     the limit was lowered
     */
    int availableConcurrentCalls();

    /** @return the limit in force now */
    int maxAllowedConcurrentCalls();

    /** @return how many calls this bulkhead has refused, since it was created */
    long rejectedCalls();

    /**
     * Applies a new limit and wait at once, without losing the calls that run.
     *
     * <p>The guarantee: a call is admitted only while fewer calls run than the limit in force at that instant
     * (the check and the admission are one atomic step, and so is the change of limit). After the limit is
     * lowered, calls already running finish undisturbed, so for a while more calls may run than the new limit;
     * no call is admitted until the running ones fall below it. Hence at any instant the number of running
     * calls is at most the highest limit in force since the oldest of them was admitted. Raising the limit wakes
     * waiting calls to take the new places. The new wait applies to calls that start waiting afterwards.
     *
     * @param config the new settings
     * @return {@code true}: every setting of a bulkhead can change live
     */
    boolean reconfigure(BulkheadConfig config);
}
