package dev.bulwark.runtime.guard;

import dev.bulwark.runtime.log.BulwarkLog;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The guards advised code looks up, by slot number.
 *
 * <p>Advice carries a slot number as a constant, so a call finds its guard with one array read. A slot belongs to
 * a policy name for the life of the JVM; replacing or removing the guard in it never touches advised classes,
 * which is what lets a reload keep a class's shape (retransformation cannot change it).
 *
 * <p>At start-up the agent advises classes as soon as it knows the policies' methods, and assembles their guards on
 * another thread, so that the application's main thread does not wait for them. A call that finds its slot empty
 * in that moment waits until the guards are in place ({@link #assembling}, {@link #assembled}), five seconds at most.
 */
public final class GuardRegistry {
    private static final Map<String, Integer> SLOTS_BY_NAME = new HashMap<>();
    /** Far longer than assembling a policy file's guards takes; only a fault on the assembling thread waits it out. */
    private static final long ASSEMBLY_WAIT_SECONDS = 5;
    private static volatile Guard[] guards = new Guard[16];
    private static final AtomicReference<Assembly> ASSEMBLY = new AtomicReference<>();

    private GuardRegistry() {
    }

    /** @return the guard in {@code slot}, or {@code null} when its policy is gone: the call goes straight through */
    public static Guard guard(int slot) {
        Guard[] current = guards;
        Guard guard = slot < current.length ? current[slot] : null;
        // Only a call that finds no guard looks further, in a method of its own: the path of a guarded call stays
        // one array read, in a method small enough (under 35 bytes) for any compiler to inline.
        return guard != null ? guard : emptySlot(slot);
    }

    private static Guard emptySlot(int slot) {
        return ASSEMBLY.get() == null ? null : awaitAssembly(slot);
    }

    /**
     * Until {@link #assembled}, a call that finds its slot empty waits for its guard, except on {@code assembler}
     * itself, which may call an advised method while it works (its logging may, for one).
     *
     * @param assembler the thread that puts the first guards in place
     */
    public static void assembling(Thread assembler) {
        ASSEMBLY.set(new Assembly(assembler, new CountDownLatch(1)));
    }

    /**
     * The first guards are in place, or will not be: calls whose slot is empty go straight through again.
     *
     * @param assembler the thread {@link #assembling} named; the end of another assembly changes nothing
     */
    public static void assembled(Thread assembler) {
        Assembly ending = ASSEMBLY.get();
        if (ending != null && ending.assembler == assembler && ASSEMBLY.compareAndSet(ending, null)) {
            ending.done.countDown();
        }
    }

    private static Guard awaitAssembly(int slot) {
        Assembly waited = ASSEMBLY.get();
        if (waited != null && waited.assembler != Thread.currentThread()) {
            try {
                if (!waited.done.await(ASSEMBLY_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    // Waited out once: later calls go straight through rather than each wait as long again.
                    ASSEMBLY.compareAndSet(waited, null);
                    BulwarkLog.internalFault("waiting for the policies' guards at start-up",
                            new TimeoutException("no guards after " + ASSEMBLY_WAIT_SECONDS + " s"),
                            "calls go ahead unguarded until the guards are in force");
                }
            } catch (InterruptedException e) {
                // The application's interrupt is its own: kept for it, and the call goes ahead.
                Thread.currentThread().interrupt();
            }
        }
        Guard[] current = guards;
        return slot < current.length ? current[slot] : null;
    }

    /** @return the slot of the policy named {@code policyName}, assigned on first use and never reused */
    public static synchronized int slotOf(String policyName) {
        return SLOTS_BY_NAME.computeIfAbsent(policyName, name -> SLOTS_BY_NAME.size());
    }

    /** Puts {@code guard} in the slot of its policy, replacing any earlier guard there. */
    public static synchronized void install(Guard guard) {
        int slot = slotOf(guard.policyName());
        Guard[] next = Arrays.copyOf(guards, Math.max(guards.length, Integer.highestOneBit(slot) * 2));
        next[slot] = guard;
        guards = next;
    }

    /** Empties the slot of {@code policyName}: its advised methods go straight through. */
    public static synchronized void remove(String policyName) {
        Integer slot = SLOTS_BY_NAME.get(policyName);
        if (slot != null && slot < guards.length) {
            Guard[] next = guards.clone();
            next[slot] = null;
            guards = next;
        }
    }

    private record Assembly(Thread assembler, CountDownLatch done) {
    }
}
