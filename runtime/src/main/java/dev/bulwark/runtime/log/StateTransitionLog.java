package dev.bulwark.runtime.log;

import dev.bulwark.policies.circuitbreaker.CircuitBreaker;
import dev.bulwark.policies.circuitbreaker.CircuitBreakerState;

/** Logs every state change of a circuit breaker: the one line an operator greps for during an incident. */
public final class StateTransitionLog implements CircuitBreaker.StateTransitionListener {

    @Override
    public void onStateTransition(CircuitBreaker breaker, CircuitBreakerState from, CircuitBreakerState to) {
        String message = "Bulwark circuit breaker '" + breaker.name() + "' changed from " + from + " to " + to;
        if (to == CircuitBreakerState.OPEN) {
            BulwarkLog.warning(message);
        } else {
            BulwarkLog.info(message);
        }
    }
}
