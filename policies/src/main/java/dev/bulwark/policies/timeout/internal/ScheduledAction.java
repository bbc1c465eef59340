package dev.bulwark.policies.timeout.internal;

import dev.bulwark.policies.timeout.Watchdog;

import java.util.concurrent.atomic.AtomicInteger;

/** An action due at a deadline on the watchdog thread, which whoever moves it first either runs or cancels. */
final class ScheduledAction implements Watchdog.Cancellable {
    private static final int PENDING = 0;
    private static final int RUN = 1;
    private static final int CANCELLED = 2;

    final long deadline;
    private final Runnable action;
    private final AtomicInteger state = new AtomicInteger(PENDING);

    ScheduledAction(long deadline, Runnable action) {
        this.deadline = deadline;
        this.action = action;
    }

    @Override
    public boolean cancel() {
        return state.compareAndSet(PENDING, CANCELLED);
    }

    boolean isCancelled() {
        return state.get() == CANCELLED;
    }

    void runIfPending() {
        if (state.compareAndSet(PENDING, RUN)) {
            action.run();
        }
    }
}
