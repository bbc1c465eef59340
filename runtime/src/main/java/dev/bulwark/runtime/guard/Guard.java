package dev.bulwark.runtime.guard;

import dev.bulwark.policies.circuitbreaker.CircuitBreaker;
import dev.bulwark.policies.circuitbreaker.CircuitBreakerState;

import java.util.EnumMap;

/**
 * The live protection of one policy: its circuit breaker and, per thread, how deep inside its own advised
 * methods the thread is, so that nested calls count once.
 */
public final class Guard {
    private final String policyName;
    private final CircuitBreaker circuitBreaker;
    private final NestedCall nestedCall = new NestedCall(this);
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    private final EnumMap<CircuitBreakerState, Rejection> rejections = new EnumMap<>(CircuitBreakerState.class);

    /**
     * @param policyName the policy's name from the policy file
     * @param circuitBreaker the breaker that decides whether calls go ahead
     */
    public Guard(String policyName, CircuitBreaker circuitBreaker) {
        this.policyName = policyName;
        this.circuitBreaker = circuitBreaker;
        for (CircuitBreakerState state : CircuitBreakerState.values()) {
            rejections.put(state, new Rejection(policyName, state));
        }
    }

    /** @return the policy's name from the policy file */
    public String policyName() {
        return policyName;
    }

    /** @return the breaker that decides whether calls go ahead */
    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /**
     * Starts a call to an advised method.
     *
     * @return this guard for an outermost permitted call, a {@link NestedCall} for a call inside another call
     *     of this policy on the same thread, a {@link Rejection}, or {@code null} while the breaker is disabled
     */
    public Object enter() {
        if (circuitBreaker.state() == CircuitBreakerState.DISABLED) {
            // Nothing is decided or recorded, so nesting needs no tracking: the call costs a read.
            return null;
        }
        int[] callDepth = depth.get();
        if (callDepth[0] > 0) {
            callDepth[0]++;
            return nestedCall;
        }
        // Counted only once permitted: a rejected or failed decision must leave no depth behind, or every later
        // call on this thread would pass as nested, unguarded.
        if (circuitBreaker.tryAcquirePermission()) {
            callDepth[0]++;
            return this;
        }
        return rejections.get(circuitBreaker.state());
    }

    /** Ends an outermost permitted call and records its outcome. */
    public void exitOutermost(Throwable thrown) {
        depth.get()[0]--;
        if (thrown == null) {
            circuitBreaker.onSuccess();
        } else {
            circuitBreaker.onFailure();
        }
    }

    void exitNested() {
        depth.get()[0]--;
    }

    @Override
    public String toString() {
        return "Guard[" + policyName + "]";
    }
}
