package dev.bulwark.runtime.guard;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The guards advised code looks up, by slot number.
 *
 * <p>Advice carries a slot number as a constant, so a call finds its guard with one array read. A slot belongs to
 * a policy name for the life of the JVM; replacing or removing the guard in it never touches advised classes,
 * which is what lets a reload keep a class's shape (retransformation cannot change it).
 */
public final class GuardRegistry {
    private static final Map<String, Integer> SLOTS_BY_NAME = new HashMap<>();
    private static volatile Guard[] guards = new Guard[16];

    private GuardRegistry() {
    }

    /** @return the guard in {@code slot}, or {@code null} when its policy is gone: the call goes straight through */
    public static Guard guard(int slot) {
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
}
