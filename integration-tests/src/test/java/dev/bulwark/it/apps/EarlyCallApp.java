package dev.bulwark.it.apps;

/**
 * An application whose first act is a call that fails, made the moment {@code main} starts, while the agent may
 * still be putting its guards in place. Prints {@code FIRST CALL RETURNED <value>} or
 * {@code FIRST CALL THREW <class>}.
 */
public final class EarlyCallApp {

    private EarlyCallApp() {
    }

    public static void main(String[] args) {
        try {
            System.out.println("FIRST CALL RETURNED " + new PriceList().price("sku-1"));
        } catch (RuntimeException e) {
            System.out.println("FIRST CALL THREW " + e.getClass().getName());
        }
    }

    /** The method the test's policy names. */
    public static final class PriceList {
        public String price(String sku) {
            throw new IllegalStateException("price list unavailable for " + sku);
        }
    }
}
