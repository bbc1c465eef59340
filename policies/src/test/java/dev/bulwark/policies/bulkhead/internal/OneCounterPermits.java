package dev.bulwark.policies.bulkhead.internal;

/**
 * What {@link StripedPermits} must behave like, one operation at a time: a limit and a count of places taken,
 * starting with a limit of 2. The sequential specification its linearizability is checked against.
 */
public final class OneCounterPermits {
    private int limit = 2;
    private int running;

    public boolean tryTake() {
        if (running >= limit) {
            return false;
        }
        running++;
        return true;
    }

    public boolean giveBack() {
        if (running == 0) {
            return false;
        }
        running--;
        return true;
    }

    public int setLimit(int newLimit) {
        int previous = limit;
        limit = newLimit;
        return previous;
    }

    public int available() {
        return Math.max(0, limit - running);
    }

    public int limit() {
        return limit;
    }
}
