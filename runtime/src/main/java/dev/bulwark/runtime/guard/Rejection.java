package dev.bulwark.runtime.guard;

import dev.bulwark.policies.circuitbreaker.CircuitBreakerState;

/**
 * The token of a call a policy refused: advice skips the method body and throws the exception this describes.
 *
 * @param policyName the policy that refused the call
 * @param state the breaker's state when it refused
 */
public record Rejection(String policyName, CircuitBreakerState state) {

    /** @return the message of the exception the application receives */
    public String message() {
        return "Bulwark policy '" + policyName + "' rejected the call: circuit breaker is " + state;
    }
}
