package dev.bulwark.policies.ratelimiter.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * How a waiting call passes time. In production it parks the thread; tests pass one that moves a hand-stepped
 * clock, so that waits are decided by the clock alone and no test sleeps.
 */
@FunctionalInterface
public interface Sleeper {

    /** Parks the thread, without {@code synchronized}, so that virtual threads unmount while they wait. */
    Sleeper PARK = LockSupport::parkNanos;

    /**
     * Lets up to {@code nanos} pass; may return earlier (spuriously, or on interrupt), the caller checks the
     * clock again.
     *
     * @param nanos how long, more than 0
     */
    void park(long nanos);
}
