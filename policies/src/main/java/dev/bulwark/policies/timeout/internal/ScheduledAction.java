package dev.bulwark.policies.timeout.internal;

import dev.bulwark.policies.timeout.Watchdog;

import java.util.concurrent.atomic.AtomicInteger;

/** An action due at a deadline on the watchdog thread, which whoever moves it first either runs or cancels. */
final class ScheduledAction implements Watchdog.Cancellable {
    private static final int PENDING = 0;
    private static final int RUN = 1;
    private static final int CANCELLED = 2;

    final long deadline;
    /** Dropped once cancelled: a cancelled action waits in the queue until a sweep, and must not hold what it uses. */
    private Runnable action;
    private final AtomicInteger state = new AtomicInteger(PENDING);

    ScheduledAction(long deadline, Runnable action) {
        this.deadline = deadline;
        this.action = action;
    }

    @Override
    public boolean cancel() {
        if (state.compareAndSet(PENDING, CANCELLED)) {
            // Only the winner of the state writes or reads the action from here on: no race on the plain field.
            action = null;
            return true;
        }
        return false;
    }

    boolean isCancelled() {
        return state.get() == CANCELLED;
    }

    void runIfPending() {
        if (state.compareAndSet(PENDING, RUN)) {
            Runnable due = action;
            action = null;
            due.run();
        }
    }
}
