package dev.bulwark.runtime.guard;

import dev.bulwark.policies.circuitbreaker.CircuitBreakerState;

/**
 * The token of a call a policy refused: advice skips the method body and throws the exception this describes.
 * A guard keeps one per state, message included, so that a rejection allocates only its exception.
 */
public final class Rejection {
    private final String message;

    /**
     * @param policyName the policy that refuses calls
     * @param state the breaker's state when it refuses
     */
    public Rejection(String policyName, CircuitBreakerState state) {
        this.message = "Bulwark policy '" + policyName + "' rejected the call: circuit breaker is " + state;
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
