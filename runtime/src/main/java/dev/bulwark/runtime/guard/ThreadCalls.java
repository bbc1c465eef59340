package dev.bulwark.runtime.guard;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Each thread's {@link GuardCall} for one policy. A {@link ThreadLocal} holds them; in front of it, a small table
 * indexed by thread id answers most lookups with two reads, since a {@code ThreadLocal} lookup was a third of a
 * guarded call's cost. A thread whose id collides with another's in the table uses the {@code ThreadLocal}; now and
 * then it takes the table's entry over, so that the entry of a thread that ended goes to a live one in the end.
 *
 * <p>The table holds calls, never threads: a thread that ended leaves at most its call behind, not itself or its
 * context class loader.
 */
final class ThreadCalls {
    private static final int TABLE_SIZE = 64;
    private static final int TAKE_OVER_EVERY = 1024;
    private static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(GuardCall[].class);

    private final ThreadLocal<GuardCall> calls = ThreadLocal.withInitial(GuardCall::new);
    // Read without synchronisation: a call's threadId is final, so a call read from here is whole.
    private final GuardCall[] table = new GuardCall[TABLE_SIZE];

    /** @return the current thread's call, the same object for every lookup by that thread */
    GuardCall get() {
        long threadId = Thread.currentThread().getId();
        GuardCall call = table[index(threadId)];
        if (call != null && call.threadId == threadId) {
            return call;
        }
        return getThroughThreadLocal(threadId);
    }

    /** @return the call the table holds for threads whose id is {@code threadId} modulo its size; for tests */
    GuardCall tableEntryFor(long threadId) {
        return (GuardCall) ENTRY.getAcquire(table, index(threadId));
    }

    private GuardCall getThroughThreadLocal(long threadId) {
        GuardCall call = calls.get();
        int index = index(threadId);
        if (table[index] == null || ++call.lookupsMissingTheTable % TAKE_OVER_EVERY == 0) {
            ENTRY.setRelease(table, index, call);
        }
        return call;
    }

    private static int index(long threadId) {
        return (int) threadId & (TABLE_SIZE - 1);
    }
}
