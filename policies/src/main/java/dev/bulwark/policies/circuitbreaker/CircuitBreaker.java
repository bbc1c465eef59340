package dev.bulwark.policies.circuitbreaker;

import dev.bulwark.policies.circuitbreaker.internal.CircuitBreakerStateMachine;
import dev.bulwark.policies.time.NanoClock;

/**
 * A circuit breaker: it lets calls through while they mostly succeed, rejects them for a while once too many
 * fail, then lets a few trial calls decide whether to close again.
 *
 * <p>A caller asks {@link #tryAcquirePermission()} before a call and, only if permitted, reports the outcome
 * with {@link #onSuccess()} or {@link #onFailure()}. In the closed state these take no lock and allocate nothing.
 */
public interface CircuitBreaker {

    /**
     * Creates a breaker in {@link CircuitBreakerState#CLOSED}.
     *
     * @param name what operators know it by
     * @param config its settings
     * @param clock the clock the wait in open state is measured on
     * @param listener told of every state change, once, on the thread that caused it
     */
    static CircuitBreaker create(String name, CircuitBreakerConfig config, NanoClock clock,
                                 StateTransitionListener listener) {
        return new CircuitBreakerStateMachine(name, config, clock, listener);
    }

    /** @return the name operators know this breaker by */
    String name();

    /** @return the settings this breaker runs with */
    CircuitBreakerConfig config();

    /** @return the current state */
    CircuitBreakerState state();

    /** @return live figures of the current state; they start again at every state change */
    CircuitBreakerMetrics metrics();

    /**
     * Asks to make a call. A permitted call must be followed by exactly one {@link #onSuccess()} or
     * {@link #onFailure()}; a refused one is counted as not permitted.
     *
     * @return whether the call may go ahead
     */
    boolean tryAcquirePermission();

    /** Records that a permitted call succeeded. */
    void onSuccess();

    /** Records that a permitted call failed. */
    void onFailure();

    /**
     * Applies new settings without losing the state and the window, where the window's shape allows: a new
     * threshold, wait in open state or number of trial calls applies from the next decision on.
     *
     * @param config the new settings
     * @return {@code false}, changing nothing, when the window size or the minimum number of calls differ: a
     *     window of another shape cannot carry the recorded outcomes over, so the caller needs a new breaker
     */
    boolean reconfigure(CircuitBreakerConfig config);

    /** Rejects every call until the breaker is reset or forced otherwise. */
    void forceOpen();

    /** Lets every call through and records it, without ever tripping, until reset or forced otherwise. */
    void forceClose();

    /** Lets every call through and records nothing, until reset or forced otherwise. */
    void disable();

    /** Returns to automatic operation in {@link CircuitBreakerState#CLOSED} with cleared metrics. */
    void reset();

    /** Told of a breaker's state changes. */
    @FunctionalInterface
    interface StateTransitionListener {
        /** A listener that ignores every change. */
        StateTransitionListener NONE = (breaker, from, to) -> { };

        /**
         * Called once per change, after it took effect.
         *
         * @param breaker the breaker that changed
         * @param from the state it left
         * @param to the state it entered
         */
        void onStateTransition(CircuitBreaker breaker, CircuitBreakerState from, CircuitBreakerState to);
    }
}
