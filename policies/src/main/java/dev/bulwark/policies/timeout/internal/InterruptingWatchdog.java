package dev.bulwark.policies.timeout.internal;

import dev.bulwark.policies.timeout.Watchdog;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Watchdog} run by one daemon thread that parks until the earliest deadline it knows of.
 *
 * <p>Arming writes the thread's own stack slot and, only when its deadline is earlier than the watchdog's planned
 * wake-up, lowers that plan by compare-and-set and unparks the watchdog. The watchdog publishes its plan and then
 * scans once more before parking, so an alarm armed while it was scanning is either seen by that second scan or
 * sees the plan and wakes it: no deadline is missed and no lock is taken on either side.
 *
 * <p>After a scan the watchdog plans to wake at the earliest future deadline among the alarms still armed and those
 * armed since its previous scan, even if disarmed already. Calls that keep arming with the same timeout then arm
 * later than the plan and never wake it, so under a steady flow of calls it wakes about once per timeout. Planning
 * only by the alarms still armed, every call after the watchdog went back to sleep would pay an unpark, and the
 * watchdog would run a scan for each. With no alarm armed since its previous scan, it parks until one wakes it.
 *
 * <p>Each thread's stack is registered once, weakly, so a thread that ends takes its stack with it. The watchdog
 * walks every registered stack on each wake-up: cost grows with threads that ever armed and are still alive.
 */
public final class InterruptingWatchdog implements Watchdog {
    private static final long NANOS_PER_MILLI = 1_000_000L;
    // How far ahead "no deadline" lies: far enough to never come, near enough for deadline arithmetic to not wrap.
    private static final long NO_DEADLINE = Long.MAX_VALUE >> 2;
    private static final int MIN_SWEEP = 1024;
    private static final InterruptingWatchdog SHARED = new InterruptingWatchdog("bulwark-watchdog");

    private final String threadName;
    private final ThreadLocal<AlarmStack> stacks = ThreadLocal.withInitial(this::register);
    private final Queue<WeakReference<AlarmStack>> registered = new ConcurrentLinkedQueue<>();
    private final Queue<ScheduledAction> incoming = new ConcurrentLinkedQueue<>();
    // Watchdog thread only.
    private final PriorityQueue<ScheduledAction> scheduled =
            new PriorityQueue<>((a, b) -> Long.compare(a.deadline - b.deadline, 0));
    // Watchdog thread only: cancelled actions are swept when the queue doubles, so the sweep costs O(1) per action.
    private int sweepAt = MIN_SWEEP;
    private final AtomicLong plannedWakeUp = new AtomicLong(System.nanoTime() + NO_DEADLINE);
    private final ReentrantLock starting = new ReentrantLock();
    private volatile Thread thread;
    private volatile boolean stopped;

    /** @param threadName the name of its thread, started on first use */
    public InterruptingWatchdog(String threadName) {
        this.threadName = threadName;
    }

    /** @return the process-wide watchdog, its thread running */
    public static InterruptingWatchdog shared() {
        SHARED.ensureRunning();
        return SHARED;
    }

    @Override
    public Alarm arm(long timeoutNanos) {
        return armUntil(System.nanoTime() + clamp(timeoutNanos));
    }

    @Override
    public Alarm armUntil(long deadlineNanos) {
        AlarmStack.Slot slot = stacks.get().push(deadlineNanos);
        wakeIfEarlier(deadlineNanos);
        return slot;
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable action) {
        ScheduledAction scheduledAction = new ScheduledAction(System.nanoTime() + clamp(delayNanos), action);
        incoming.add(scheduledAction);
        wakeIfEarlier(scheduledAction.deadline);
        return scheduledAction;
    }

    /** Stops the thread; alarms armed afterwards never fire. For tests that make their own watchdog. */
    public void stop() {
        stopped = true;
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    private static long clamp(long nanos) {
        return Math.max(0, Math.min(nanos, NO_DEADLINE));
    }

    private AlarmStack register() {
        AlarmStack stack = new AlarmStack(Thread.currentThread());
        registered.add(new WeakReference<>(stack));
        ensureRunning();
        return stack;
    }

    private void wakeIfEarlier(long deadline) {
        for (;;) {
            long planned = plannedWakeUp.get();
            if (deadline - planned >= 0) {
                return;
            }
            if (plannedWakeUp.compareAndSet(planned, deadline)) {
                Thread current = thread;
                if (current == null || !current.isAlive()) {
                    ensureRunning();
                } else {
                    LockSupport.unpark(current);
                }
                return;
            }
        }
    }

    // Never throws: a watchdog that cannot start leaves calls unbounded, which beats failing them.
    private void ensureRunning() {
        Thread current = thread;
        if ((current != null && current.isAlive()) || stopped) {
            return;
        }
        starting.lock();
        try {
            current = thread;
            if (current == null || !current.isAlive()) {
                Thread started = new Thread(this::run, threadName);
                started.setDaemon(true);
                started.setContextClassLoader(null);
                thread = started;
                started.start();
            }
        } catch (Throwable cannotStart) {
            // Out of threads or memory: try again on the next arm that needs waking.
        } finally {
            starting.unlock();
        }
    }

    private void run() {
        long lastPlan = System.nanoTime();
        try {
            while (!stopped) {
                try {
                    // Nobody has reason to interrupt this thread, and a set flag would turn every park into a spin.
                    Thread.interrupted();
                    long next = fireOverdue(true);
                    // Woken early with nothing new (an unpark's left-over permit), the plan made from the alarms
                    // seen before still holds: dropping it would make the next call wake the watchdog again.
                    if (lastPlan - System.nanoTime() > 0 && lastPlan - next < 0) {
                        next = lastPlan;
                    }
                    plannedWakeUp.set(next);
                    lastPlan = next;
                    // Armed during the scan, an alarm saw the old (already passed) plan and did not wake us. This
                    // check leaves what it finds for the next look, so that the alarm also counts as recent there.
                    long recheck = fireOverdue(false);
                    if (recheck - next < 0) {
                        continue;
                    }
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(this, wait);
                    }
                } catch (Throwable unexpected) {
                    // Keep watching: one bad action or interrupt must not leave every later call unbounded.
                    LockSupport.parkNanos(this, NANOS_PER_MILLI);
                }
            }
        } finally {
            // Make the next arm find the plan later than its deadline, so that it notices this thread is gone.
            plannedWakeUp.set(System.nanoTime() + NO_DEADLINE);
        }
    }

    /** @return when the watchdog plans to look at the alarms next, on {@link System#nanoTime()}'s scale */
    long plannedWakeUp() {
        return plannedWakeUp.get();
    }

    private long fireOverdue(boolean look) {
        long now = System.nanoTime();
        long earliest = now + NO_DEADLINE;
        for (Iterator<WeakReference<AlarmStack>> it = registered.iterator(); it.hasNext(); ) {
            AlarmStack stack = it.next().get();
            if (stack == null) {
                it.remove();
            } else {
                earliest = stack.fireOverdue(now, earliest, look);
            }
        }
        return runDueActions(now, earliest);
    }

    private long runDueActions(long now, long earliest) {
        for (ScheduledAction added; (added = incoming.poll()) != null; ) {
            if (!added.isCancelled()) {
                scheduled.add(added);
            }
        }
        if (scheduled.size() >= sweepAt) {
            scheduled.removeIf(ScheduledAction::isCancelled);
            sweepAt = Math.max(MIN_SWEEP, 2 * scheduled.size());
        }
        for (ScheduledAction head; (head = scheduled.peek()) != null; ) {
            if (head.isCancelled()) {
                scheduled.poll();
            } else if (head.deadline - now <= 0) {
                scheduled.poll();
                try {
                    head.runIfPending();
                } catch (Throwable ignored) {
                    // The action's failure is its owner's business; the watchdog must keep going.
                }
            } else {
                return head.deadline - earliest < 0 ? head.deadline : earliest;
            }
        }
        return earliest;
    }
}
