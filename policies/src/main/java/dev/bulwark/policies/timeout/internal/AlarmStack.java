package dev.bulwark.policies.timeout.internal;

import dev.bulwark.policies.timeout.Watchdog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One thread's alarms, as a stack of reusable slots: arming pushes, disarming pops, and nothing is allocated once
 * the stack has been as deep before. Only its thread pushes and pops; the watchdog only reads slots and fires
 * them.
 */
final class AlarmStack {
    // A slot's state and the number of times it was armed share one word, so that the watchdog cannot fire a
    // later arming of the slot on the deadline of an earlier one it read before a disarm (the ABA problem).
    private static final int IDLE = 0;
    private static final int ARMED = 1;
    private static final int FIRING = 2;
    private static final int FIRED = 3;
    private static final VarHandle STAMP;

    static {
        try {
            STAMP = MethodHandles.lookup().findVarHandle(Slot.class, "stamp", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Thread owner;
    // Replaced by a longer copy holding the same slots when a thread nests deeper than ever before.
    private volatile Slot[] slots = new Slot[] {new Slot(0), new Slot(1)};
    // Owner thread only.
    private int depth;

    AlarmStack(Thread owner) {
        this.owner = owner;
    }

    Slot push(long deadline) {
        Slot[] current = slots;
        if (depth == current.length) {
            Slot[] grown = java.util.Arrays.copyOf(current, depth * 2);
            for (int i = depth; i < grown.length; i++) {
                grown[i] = new Slot(i);
            }
            slots = grown;
            current = grown;
        }
        Slot slot = current[depth++];
        slot.arm(deadline, owner.isInterrupted());
        return slot;
    }

    /**
     * Fires every overdue alarm and returns when the watchdog should look again for this stack: at its earliest
     * pending deadline, or at the earliest future deadline of the slots armed since the watchdog's previous look,
     * even those disarmed already. The thread that armed them will likely arm again with a later deadline, which
     * then finds the watchdog's plan earlier than its own and need not wake it.
     *
     * @param now the watchdog's clock reading
     * @param earliest the earliest deadline found so far
     * @param look whether this counts as a look; a quick second check of the same moment does not
     * @return the earlier of {@code earliest} and this stack's
     */
    long fireOverdue(long now, long earliest, boolean look) {
        for (Slot slot : slots) {
            long stamp = slot.stamp;
            boolean armedSinceLastLook = stamp != slot.stampSeenByWatchdog;
            if (look) {
                slot.stampSeenByWatchdog = stamp;
            }
            if (state(stamp) != ARMED && !armedSinceLastLook) {
                continue;
            }
            // Written before the stamp that armed the slot: this arming's deadline, or a later arming's.
            long deadline = slot.deadline;
            if (state(stamp) == ARMED && deadline - now <= 0) {
                slot.fire(stamp);
            } else if (deadline - now > 0 && deadline - earliest < 0) {
                earliest = deadline;
            }
        }
        return earliest;
    }

    // Disarming out of order leaves a hole that the later pops sweep away, so a misuse cannot corrupt the stack.
    private void popDisarmed() {
        Slot[] current = slots;
        while (depth > 0 && state(current[depth - 1].stamp) == IDLE) {
            depth--;
        }
    }

    private boolean enclosingFired(int index) {
        Slot[] current = slots;
        for (int i = 0; i < index; i++) {
            int state = state(current[i].stamp);
            if (state == FIRING || state == FIRED) {
                return true;
            }
        }
        return false;
    }

    private static int state(long stamp) {
        return (int) (stamp & 3);
    }

    private static long with(long stamp, int state) {
        return (stamp & ~3L) | state;
    }

    /** One alarm; it belongs to one depth of one thread's stack and is reused by every arming at that depth. */
    final class Slot implements Watchdog.Alarm {
        private final int index;
        private volatile long stamp = IDLE;
        // Written before the stamp that arms the slot, so a reader who saw it armed sees them too.
        private long deadline;
        private boolean interruptedWhenArmed;
        // Watchdog thread only. The stamp's arming count never repeats, so a change means armed since the last look.
        private long stampSeenByWatchdog = IDLE;

        private Slot(int index) {
            this.index = index;
        }

        private void arm(long deadline, boolean interrupted) {
            this.deadline = deadline;
            this.interruptedWhenArmed = interrupted;
            stamp = with(stamp + 4, ARMED);
        }

        private void fire(long armedStamp) {
            if (!STAMP.compareAndSet(this, armedStamp, with(armedStamp, FIRING))) {
                return;
            }
            try {
                owner.interrupt();
            } finally {
                stamp = with(armedStamp, FIRED);
            }
        }

        @Override
        public boolean disarm() {
            long current = stamp;
            int state = state(current);
            if (state == IDLE) {
                return false;
            }
            if (state == ARMED && STAMP.compareAndSet(this, current, with(current, IDLE))) {
                popDisarmed();
                return false;
            }
            // The watchdog won: wait for its interrupt to land, so that clearing it below cannot come first.
            while (state(stamp) == FIRING) {
                Thread.onSpinWait();
            }
            if (!interruptedWhenArmed) {
                Thread.interrupted();
                // An enclosing call that overran is owed its interrupt; the clear above may have taken it.
                if (enclosingFired(index)) {
                    owner.interrupt();
                }
            }
            stamp = with(stamp, IDLE);
            popDisarmed();
            return true;
        }
    }
}
