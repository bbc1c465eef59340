package dev.bulwark.runtime.rejection;

/**
 * Thrown by a guarded method that ran past its policy's timeout when the method declares no exception Bulwark can
 * use instead. Unchecked, so that it needs no {@code throws} clause; its cause is what the interrupted call threw.
 */
public final class CallTimedOutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message names the policy and the deadline */
    public CallTimedOutException(String message) {
        super(message);
    }
}
