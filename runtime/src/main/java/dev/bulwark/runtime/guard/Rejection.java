package dev.bulwark.runtime.guard;

/**
 * The token of a call a policy refused before it started: advice skips the method body, and the call ends in the
 * exception this describes or in the policy's fallback. A guard keeps one per reason, message included, so that a
 * rejection allocates only its exception.
 */
public final class Rejection {
    private final Guard guard;
    private final String message;

    Rejection(Guard guard, String reason) {
        this.guard = guard;
        this.message = "Bulwark policy '" + guard.policyName() + "' rejected the call: " + reason;
    }

    /** @return the guard that refused the call */
    public Guard guard() {
        return guard;
    }

    /** @return the message of the exception the application receives */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return message;
    }
}
