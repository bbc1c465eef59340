package dev.bulwark.runtime.guard;

import dev.bulwark.policies.timeout.Watchdog;

/**
 * One thread's call through one guard: how deeply the thread is nested in the policy's methods, and what the
 * current attempt holds. Each thread reuses its own, so a guarded call allocates nothing; a thread is in at most
 * one outermost call of a policy at a time, since calls inside it are nested.
 */
public final class GuardCall {
    final Guard guard;
    int depth;
    int attempts;
    long attemptStartNanos;
    boolean holdsBreakerPermission;
    boolean holdsBulkheadPermit;
    Watchdog.Alarm alarm;
    Object[] arguments;

    GuardCall(Guard guard) {
        this.guard = guard;
    }

    /** @return the guard this call goes through */
    public Guard guard() {
        return guard;
    }

    /** @return whether the method's result is needed to finish the call, so advice reads it only then */
    public boolean needsResult() {
        return guard.classifiesResults();
    }
}
