package dev.bulwark.policies.bulkhead.internal;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The place accounting of a bulkhead: a limit and the calls holding a place, spread over stripes that sit on cache
 * lines of their own, so that threads calling at once on different cores do not pass one counter between them.
 *
 * <p>Each stripe holds a share of the limit and the calls running on it, in one word. A call takes a place on
 * its thread's home stripe, or on the next one with room, by compare-and-set, and gives a place back the same
 * way; since a stripe admits only below its share and the shares add up to the limit, no more calls run than the
 * limit allows. A call that finds every stripe full looks again: if no stripe's version moved and the gate stayed
 * open, all were full at one instant and the call is refused, still without a lock. What needs the whole picture
 * otherwise (a refusal while places come and go, a change of limit, the free places shown to operators) takes a
 * lock and closes a gate that sends every new call to the lock as well, then reads the stripes until two
 * readings agree. Each change of a stripe bumps a version in its word, and once the gate is closed only calls
 * already past it can change a stripe, a bounded number of times, so the readings soon agree, on a state that held
 * at one instant. So the accounting is linearizable, exactly like a single counter: a call is refused only if,
 * at one instant during its attempt, as many calls ran as the limit allowed.
 *
 * <p>Lowering the limit below the calls running sets every share to the calls running on its stripe and records
 * the surplus as owed: while anything is owed, every call goes through the lock, each call that ends pays one place
 * back instead of freeing it, and no call is admitted until the calls running fall to the new limit. A call that
 * passed the gate before it closed may still give its place back on a stripe afterwards; every reading under the
 * lock first pays what is owed out of such room, so that no reading counts a place as free that such a late call
 * could also take.
 *
 * <p>Calls on different cores still meet: on a stripe they share (threads whose ids hash alike, or a limit
 * smaller than the stripes, which leaves some without a share), at the lock while places are owed or while a
 * refusal finds places coming and going, and briefly whenever the free places are read, as the bulkhead's MBean
 * does for operators.
 *
 * <p>Why not one word, as before: each call takes and gives back a place, two changes of one cache line, which
 * then travels between the cores of the threads calling; on the 2-core VMs of docs/benchmarks.md that cost more
 * than everything else a guarded call does.
 */
public final class StripedPermits {
    private static final int COUNT_BITS = 20;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    private static final long ONE_RUNNING = 1L;
    private static final long ONE_SHARE = 1L << COUNT_BITS;
    /** The top 24 bits of a word count its changes, so that a reading can tell a stripe that changed and back. */
    private static final int VERSION_SHIFT = 2 * COUNT_BITS;
    private static final long ONE_VERSION = 1L << VERSION_SHIFT;
    /** The largest limit a word can hold; {@code BulkheadConfig} allows at most 100,000. */
    public static final int MAX_LIMIT = (int) COUNT_MASK;
    /** Longs from one stripe to the next: 128 bytes, as processors fetch adjacent cache lines in pairs. */
    private static final int SPACING = 16;
    private static final int MAX_STRIPES = 16;
    private static final long GOLDEN_RATIO = 0x9E37_79B9_7F4A_7C15L;

    /** The gate's low two bits; the bits above count the times it was closed. */
    private static final int STATE_MASK = 3;
    private static final int OPEN = 0;
    private static final int CLOSED = 1;
    private static final int OWING = 2;
    private static final int ONE_CLOSING = 4;

    /**
     * Tests only: with {@code -Ddev.bulwark.bulkhead.testPauses=true}, which the policies module's surefire sets, a
     * call runs {@link #testPause} right after it read the gate (with {@link #AFTER_GATE}), and a take right after
     * it read each stripe it looks at (with the stripe), so that a test can hold it there. Off, as always outside
     * those tests, the check is on a constant and the JIT drops it.
     */
    private static final boolean TEST_PAUSES = Boolean.getBoolean("dev.bulwark.bulkhead.testPauses");
    static final int AFTER_GATE = -1;
    static volatile IntConsumer testPause;

    private final AtomicLongArray words;
    private final int stripeMask;
    private final int homeShift;
    private final ReentrantLock wholePicture = new ReentrantLock();
    /** State {@link #OPEN}: calls may use the stripes directly; otherwise they take the lock. */
    private volatile int gate = OPEN;
    /** Places to take out of use as running calls end, after the limit was lowered below them. Under the lock. */
    private int owed;
    /** Under the lock. */
    private int limit;
    /** Scratch for consistent readings, under the lock, so that a refusal allocates nothing. */
    private final long[] reading;
    private final long[] confirmation;

    /**
     * Stripes for the processors of this machine: twice their number, rounded up to a power of two, at most 16.
     *
     * @param limit the number of places, 1 to {@link #MAX_LIMIT}
     */
    public StripedPermits(int limit) {
        this(limit, defaultStripes(Runtime.getRuntime().availableProcessors()));
    }

    /**
     * @param limit the number of places, 1 to {@link #MAX_LIMIT}
     * @param stripes a power of two from 1 to 16
     */
    public StripedPermits(int limit, int stripes) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (stripes < 1 || stripes > MAX_STRIPES || Integer.bitCount(stripes) != 1) {
            throw new IllegalArgumentException("stripes must be a power of two from 1 to 16, was " + stripes);
        }
        this.stripeMask = stripes - 1;
        this.homeShift = 64 - Integer.numberOfTrailingZeros(stripes);
        this.words = new AtomicLongArray((stripes + 2) * SPACING);
        this.reading = new long[stripes];
        this.confirmation = new long[stripes];
        this.limit = limit;
        for (int stripe = 0; stripe < stripes; stripe++) {
            words.set(slot(stripe), portion(limit, stripe, stripes) * ONE_SHARE);
        }
    }

    static int defaultStripes(int processors) {
        int wanted = Math.min(MAX_STRIPES, Math.max(1, 2 * processors));
        int stripes = Integer.highestOneBit(wanted);
        return stripes == wanted ? stripes : stripes << 1;
    }

    /** @return whether a place was free and is now taken; without a lock unless the stripes keep changing */
    public boolean tryTake() {
        int seen = gate;
        pauseForTests(AFTER_GATE);
        if ((seen & STATE_MASK) != OPEN) {
            return takeWithWholePicture();
        }
        int home = home();
        long versions = 0;
        for (int step = 0; step <= stripeMask; step++) {
            int stripe = (home + step) & stripeMask;
            int at = slot(stripe);
            long word = words.get(at);
            pauseForTests(stripe);
            while (running(word) < share(word)) {
                if (words.compareAndSet(at, word, word + ONE_VERSION + ONE_RUNNING)) {
                    return true;
                }
                if ((gate & STATE_MASK) != OPEN) {
                    return takeWithWholePicture();
                }
                word = words.get(at);
            }
            versions += word >>> VERSION_SHIFT;
        }
        // Each stripe was full when read. Every change bumps a version, so if a second look finds the same sum and
        // the gate was not closed meanwhile, no stripe changed between the two looks: all were full at one instant.
        // (Versions wrap at 2^24, so the sum could also come back after a multiple of 16,777,216 changes in all
        // between two looks a few reads apart; then a call would be refused that could have had a place.)
        if (versionsIfAllFull() == versions && gate == seen) {
            return false;
        }
        return takeWithWholePicture();
    }

    /**
     * Gives a place back. A surplus call is ignored: counting below zero would raise the limit for good.
     *
     * @return whether a place was given back
     */
    public boolean giveBack() {
        if ((gate & STATE_MASK) == OPEN) {
            pauseForTests(AFTER_GATE);
            int home = home();
            for (int step = 0; step <= stripeMask; step++) {
                int at = slot((home + step) & stripeMask);
                long word = words.get(at);
                while (running(word) > 0) {
                    if (words.compareAndSet(at, word, word + ONE_VERSION - ONE_RUNNING)) {
                        return true;
                    }
                    if ((gate & STATE_MASK) != OPEN) {
                        return giveBackWithWholePicture();
                    }
                    word = words.get(at);
                }
            }
        }
        return giveBackWithWholePicture();
    }

    /**
     * Changes the limit; places already taken stay taken, even above the new limit, and no call is admitted until
     * fewer run than the new limit.
     *
     * @param newLimit the new number of places, 1 to {@link #MAX_LIMIT}
     * @return the limit it replaced
     */
    public int setLimit(int newLimit) {
        if (newLimit < 1 || newLimit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + newLimit);
        }
        closeGate();
        try {
            long running = 0;
            // Every share down to its running calls first: a call that gets past the gate late then finds no room.
            for (int stripe = 0; stripe <= stripeMask; stripe++) {
                int at = slot(stripe);
                for (;;) {
                    long word = words.get(at);
                    long shareless = word - share(word) * ONE_SHARE + running(word) * ONE_SHARE + ONE_VERSION;
                    if (words.compareAndSet(at, word, shareless)) {
                        running += running(word);
                        break;
                    }
                }
            }
            int previous = limit;
            limit = newLimit;
            owed = (int) Math.max(0, running - newLimit);
            long free = Math.max(0, newLimit - running);
            for (int stripe = 0; stripe <= stripeMask; stripe++) {
                long portion = portion(free, stripe, stripeMask + 1);
                if (portion > 0) {
                    words.getAndAdd(slot(stripe), portion * ONE_SHARE + ONE_VERSION);
                }
            }
            return previous;
        } finally {
            openGate();
        }
    }

    /** @return places free now, 0 while more run than a lowered limit */
    public int available() {
        closeGate();
        try {
            readSettled();
            long room = 0;
            for (long word : confirmation) {
                room += share(word) - running(word);
            }
            return (int) Math.max(0, room - owed);
        } finally {
            openGate();
        }
    }

    /**
     * @return the limit in force. Under the lock, though one field: a call may use a share raised by a change of
     *     limit still under way, and a reading must not then show the old limit.
     */
    public int limit() {
        wholePicture.lock();
        try {
            return limit;
        } finally {
            wholePicture.unlock();
        }
    }

    private boolean takeWithWholePicture() {
        closeGate();
        try {
            for (;;) {
                readSettled();
                if (owed > 0) {
                    return false;
                }
                int stripe = nearest(true);
                if (stripe < 0) {
                    return false;
                }
                if (words.compareAndSet(slot(stripe), confirmation[stripe],
                        confirmation[stripe] + ONE_VERSION + ONE_RUNNING)) {
                    return true;
                }
            }
        } finally {
            openGate();
        }
    }

    private boolean giveBackWithWholePicture() {
        closeGate();
        try {
            for (;;) {
                readSettled();
                int stripe = nearest(false);
                if (stripe < 0) {
                    return false;
                }
                long word = confirmation[stripe];
                // While places are owed, the place of an ending call leaves the share instead of becoming free.
                long given = word + ONE_VERSION - ONE_RUNNING - (owed > 0 ? ONE_SHARE : 0);
                if (words.compareAndSet(slot(stripe), word, given)) {
                    if (owed > 0) {
                        owed--;
                    }
                    return true;
                }
            }
        } finally {
            openGate();
        }
    }

    /**
     * A consistent reading in which no room stands beside places owed. Room appears while places are owed when a
     * call that got past the gate before the limit was lowered gives its place back late; left there, a call that
     * also got past the gate early could take it after a reading had counted it against what is owed.
     */
    private void readSettled() {
        do {
            readConsistently();
        } while (owed > 0 && paidOwedFromRoom());
    }

    /**
     * Takes room of the confirmed reading out of its stripe's share, up to what is owed.
     *
     * @return whether it found room to take (or tried to), which leaves the reading stale
     */
    private boolean paidOwedFromRoom() {
        for (int stripe = 0; stripe <= stripeMask; stripe++) {
            long word = confirmation[stripe];
            long paid = Math.min(owed, share(word) - running(word));
            if (paid > 0) {
                if (words.compareAndSet(slot(stripe), word, word - paid * ONE_SHARE + ONE_VERSION)) {
                    owed -= (int) paid;
                }
                return true;
            }
        }
        return false;
    }

    /** @return the stripe nearest home in the confirmed reading with room (or with a running call), or -1 */
    private int nearest(boolean withRoom) {
        int home = home();
        for (int step = 0; step <= stripeMask; step++) {
            int stripe = (home + step) & stripeMask;
            long word = confirmation[stripe];
            if (withRoom ? running(word) < share(word) : running(word) > 0) {
                return stripe;
            }
        }
        return -1;
    }

    /** @return the sum of the stripes' versions, or -1 if one has room */
    private long versionsIfAllFull() {
        long versions = 0;
        for (int stripe = 0; stripe <= stripeMask; stripe++) {
            long word = words.get(slot(stripe));
            if (running(word) < share(word)) {
                return -1;
            }
            versions += word >>> VERSION_SHIFT;
        }
        return versions;
    }

    /** Fills {@link #confirmation} with a state of all stripes that held at one instant. */
    private void readConsistently() {
        for (int stripe = 0; stripe <= stripeMask; stripe++) {
            confirmation[stripe] = words.get(slot(stripe));
        }
        boolean agree;
        do {
            System.arraycopy(confirmation, 0, reading, 0, reading.length);
            agree = true;
            for (int stripe = 0; stripe <= stripeMask; stripe++) {
                confirmation[stripe] = words.get(slot(stripe));
                agree &= confirmation[stripe] == reading[stripe];
            }
        } while (!agree);
    }

    private void closeGate() {
        wholePicture.lock();
        gate = (gate & ~STATE_MASK) + ONE_CLOSING + CLOSED;
    }

    private void openGate() {
        gate = (gate & ~STATE_MASK) + (owed > 0 ? OWING : OPEN);
        wholePicture.unlock();
    }

    private static void pauseForTests(int where) {
        IntConsumer pause;
        if (TEST_PAUSES && (pause = testPause) != null) {
            pause.accept(where);
        }
    }

    private int home() {
        return homeOf(Thread.currentThread().getId());
    }

    /** @return the stripe a thread tries first; Fibonacci hashing gives threads created in a row different ones */
    int homeOf(long threadId) {
        return (int) ((threadId * GOLDEN_RATIO) >>> homeShift) & stripeMask;
    }

    private static int slot(int stripe) {
        return (stripe + 1) * SPACING;
    }

    private static long portion(long total, int stripe, int stripes) {
        return total / stripes + (stripe < total % stripes ? 1 : 0);
    }

    private static long share(long word) {
        return (word >>> COUNT_BITS) & COUNT_MASK;
    }

    private static long running(long word) {
        return word & COUNT_MASK;
    }
}
