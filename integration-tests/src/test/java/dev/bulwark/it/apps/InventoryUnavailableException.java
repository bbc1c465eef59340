package dev.bulwark.it.apps;

/** The application's own checked exception, which its callers already handle. */
public class InventoryUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public InventoryUnavailableException(String message) {
        super(message);
    }
}
