package dev.bulwark.benchmarks;

/**
 * The application methods the benchmarks call: the same small piece of work, under different policies of
 * {@code benchmarks/policies.json}. Only {@link #lookup} is in no policy.
 */
public class Inventory {

    /** @return a value derived from {@code sku}, so the call cannot be optimised away; in no policy */
    public int lookup(int sku) {
        return sku * 31 + 7;
    }

    /** @return as {@link #lookup}; policy "closed" */
    public int guardedLookup(int sku) {
        return sku * 31 + 7;
    }

    /** @return as {@link #lookup}; policy "pipeline": breaker, timeout, bulkhead and retry, none triggered */
    public int pipelineLookup(int sku) {
        return sku * 31 + 7;
    }

    /** @return as {@link #lookup}; policy "forced-open-with-trace", whose rejection fills in a stack trace */
    public int rejectedWithTrace(int sku) throws InventoryException {
        return sku * 31 + 7;
    }

    /** @return as {@link #lookup}; policy "forced-open", whose rejection has no stack trace */
    public int rejectedWithoutTrace(int sku) {
        return sku * 31 + 7;
    }

    /** While set, {@link #trippedLookup} fails, as a call to a service that is down. */
    volatile boolean down;

    /** @return as {@link #lookup}; policy "open", which the benchmark trips by making calls fail */
    public int trippedLookup(int sku) {
        if (down) {
            throw new IllegalStateException("inventory service down");
        }
        return sku * 31 + 7;
    }

    /** @return as {@link #lookup}; policy "disabled" */
    public int disabledLookup(int sku) {
        return sku * 31 + 7;
    }

    /** @return as {@link #lookup}; policy "removed", taken out by a reload before measuring */
    public int removedLookup(int sku) {
        return sku * 31 + 7;
    }

    /** The application's own checked exception: a rejection is thrown as one, with its stack trace. */
    public static final class InventoryException extends Exception {
        private static final long serialVersionUID = 1L;

        /** @param message the rejection's message */
        public InventoryException(String message) {
            super(message);
        }
    }
}
