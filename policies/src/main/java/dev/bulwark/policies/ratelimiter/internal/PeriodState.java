package dev.bulwark.policies.ratelimiter.internal;

/**
 * Packs a rate limiter's state in one {@code long}, so that it can be swapped by compare-and-set without
 * allocating: the number of the period it was last brought up to (low 42 bits of it) and the permissions left
 * in that period (22 bits, signed: negative while calls wait for permissions of coming periods).
 *
 * <p>42 bits of period number wrap after 2^42 periods (73 minutes at the shortest period of 1 ns, 25 days at
 * resilience4j's default of 500 ns). A wrap can only be missed by a limiter left untouched for that long, and
 * then it is read as a shorter gap: the allowance refills less than it should for at most the length of the
 * longest wait. It never admits more than the limit.
 */
final class PeriodState {
    static final int PERMISSION_BITS = 22;
    /** The deepest debt of reserved permissions: more waiting calls than this are refused. */
    static final int MIN_PERMISSIONS = -(1 << (PERMISSION_BITS - 1));
    private static final int PERIOD_BITS = Long.SIZE - PERMISSION_BITS;
    private static final long PERIOD_MASK = (1L << PERIOD_BITS) - 1;
    private static final long PERMISSION_MASK = (1L << PERMISSION_BITS) - 1;

    private PeriodState() {
    }

    static long pack(long period, int permissions) {
        return (period << PERMISSION_BITS) | (permissions & PERMISSION_MASK);
    }

    /**
     * @param word a packed state
     * @param period the current period number, not earlier than the one in {@code word}
     * @param limit permissions a period gives
     * @return the permissions left in {@code period}: the state's own when it is of that period, else its own
     *     plus a full allowance for every period passed since, at most one allowance
     */
    static int permissionsIn(long word, long period, int limit) {
        int permissions = (int) (word << PERIOD_BITS >> PERIOD_BITS);
        long periodsPassed = (period - (word >>> PERMISSION_BITS)) & PERIOD_MASK;
        if (periodsPassed == 0) {
            return permissions;
        }
        return (int) Math.min(permissions + periodsPassed * limit, limit);
    }
}
