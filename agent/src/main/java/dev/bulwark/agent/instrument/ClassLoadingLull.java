package dev.bulwark.agent.instrument;

import dev.bulwark.policies.timeout.Watchdog;
import dev.bulwark.runtime.log.BulwarkLog;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Runs an action once the application has loaded no class for half a second, the sign that it has started, or
 * after ten seconds at the latest. Work that can wait, such as making the platform MBean server, then does not
 * compete with the application's start for the processor.
 */
final class ClassLoadingLull {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final int QUIET_POLLS = 2;
    private static final int MOST_POLLS = 40;

    private final IntSupplier classesLoaded;
    private final Runnable action;
    // Read and written by the watchdog's thread only, one poll after the other.
    private int lastCount = -1;
    private int quietPolls;
    private int polls;

    private ClassLoadingLull(IntSupplier classesLoaded, Runnable action) {
        this.classesLoaded = classesLoaded;
        this.action = action;
    }

    /**
     * @param classesLoaded a count that grows as classes load
     * @param action what to run once it has stopped growing; it runs on the watchdog's thread, so it must be short
     */
    static void whenQuiet(IntSupplier classesLoaded, Runnable action) {
        new ClassLoadingLull(classesLoaded, action).scheduleNextPoll();
    }

    private void scheduleNextPoll() {
        Watchdog.shared().schedule(POLL_NANOS, this::poll);
    }

    private void poll() {
        int count = classesLoaded.getAsInt();
        quietPolls = count == lastCount ? quietPolls + 1 : 0;
        lastCount = count;
        if (quietPolls < QUIET_POLLS && ++polls < MOST_POLLS) {
            scheduleNextPoll();
            return;
        }
        try {
            action.run();
        } catch (RuntimeException | Error fault) {
            BulwarkLog.internalFault("running work held until the application had started", fault,
                    "that work may be left undone or half done");
        }
    }
}
