package dev.bulwark.policies.timeout;

import dev.bulwark.policies.timeout.internal.InterruptingWatchdog;

/**
 * One daemon thread ({@code bulwark-watchdog}) that interrupts calls that overrun their deadline, while each call
 * keeps running on its own thread: no thread per call, no lock or allocation per call.
 *
 * <p>A caller brackets a call with {@link #arm(long)} and {@link Alarm#disarm()}, in LIFO order when nested, on
 * the same thread. The watchdog parks until the earliest deadline it knows of; arming an earlier one wakes it.
 * Under a steady flow of calls it wakes about once per timeout, not once per call.
 */
public interface Watchdog {

    /** @return the process-wide watchdog, started on first use and restarted if its thread ever died */
    static Watchdog shared() {
        return InterruptingWatchdog.shared();
    }

    /**
     * Registers the current thread to be interrupted, once, if it is still armed in {@code timeoutNanos}.
     * Allocates nothing once the thread has armed as deeply before.
     *
     * @param timeoutNanos how long from now; zero or less means as soon as the watchdog looks
     * @return the alarm, to be disarmed exactly once by this thread; it is reused afterwards, so keep no
     *     reference to it past {@link Alarm#disarm()}
     */
    Alarm arm(long timeoutNanos);

    /**
     * As {@link #arm(long)}, with the deadline given as a {@link System#nanoTime()} reading: for a caller that has
     * read the clock already, since on some machines a clock read costs more than the rest of arming.
     *
     * @param deadlineNanos when to interrupt the thread, on {@link System#nanoTime()}'s scale
     * @return the alarm, as {@link #arm(long)} returns it
     */
    Alarm armUntil(long deadlineNanos);

    /**
     * Runs {@code action} on the watchdog thread after {@code delayNanos}, unless cancelled first; for timeouts
     * of asynchronous calls, e.g. completing a {@code CompletableFuture} exceptionally. The action must be short:
     * every alarm waits behind it. What it throws is swallowed.
     *
     * @param delayNanos how long from now
     * @param action what to run
     * @return a handle to cancel it
     */
    Cancellable schedule(long delayNanos, Runnable action);

    /** A thread's registration with the watchdog for one call. */
    interface Alarm {
        /**
         * Ends the registration. Race-free with firing: if the watchdog got there first, this waits until its
         * interrupt has been delivered. When the alarm fired, the interrupt it caused is cleared, unless the
         * thread was already interrupted when it armed, or an enclosing alarm of the same thread fired too; the
         * thread's flag is then as it would have been without the watchdog. The one case this cannot tell apart:
         * a third party interrupting the thread after the watchdog did and before disarm; that interrupt is
         * cleared along with the watchdog's.
         *
         * @return whether the watchdog fired, i.e. whether the call overran
         */
        boolean disarm();
    }

    /** A scheduled action that may still be called off. */
    interface Cancellable {
        /** @return whether this call prevented the action from running; {@code false} if it ran or is running */
        boolean cancel();
    }
}
