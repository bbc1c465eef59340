package dev.bulwark.runtime.rejection;

/**
 * Thrown to the application when a policy rejects a call to a method that declares no checked exception Bulwark
 * could throw instead. Without a stack trace: it says which policy refused, not where the caller was.
 */
public final class CallRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message names the policy and the breaker's state */
    public CallRejectedException(String message) {
        super(message, null, false, false);
    }
}
