package dev.bulwark.runtime.guard;

import dev.bulwark.policies.timeout.Watchdog;

/**
 * One thread's call through one policy: how deeply the thread is nested in the policy's methods, and what the
 * current attempt holds. Each thread reuses its own, so a guarded call allocates nothing; a thread is in at most
 * one outermost call of a policy at a time, since calls inside it are nested. A reload hands the per-thread calls
 * to the policy's new guard, so a call nested in one that started before the reload still counts as nested.
 */
public final class GuardCall extends GuardCallPadding {
    /** The thread this call belongs to; {@link ThreadCalls} finds it by this. */
    final long threadId = Thread.currentThread().getId();
    // Owner thread only.
    int lookupsMissingTheTable;
    Guard guard;
    int depth;
    int attempts;
    long attemptStartNanos;
    boolean holdsBreakerPermission;
    boolean holdsBulkheadPermit;
    Watchdog.Alarm alarm;
    Object[] arguments;

    GuardCall() {
    }

    /** @return the guard this outermost call entered through; a reload may install another meanwhile */
    public Guard guard() {
        return guard;
    }

    /**
     * @return whether the method's result is needed to finish the call; advice boxes a primitive result only then
     *     (an object result it always passes, so that a result kept from the caller can be released)
     */
    public boolean needsResult() {
        return guard.classifiesResults();
    }
}
