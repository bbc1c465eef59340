package dev.bulwark.policies.circuitbreaker;

import dev.bulwark.policies.circuitbreaker.internal.CircuitBreakerStateMachine;
import dev.bulwark.policies.time.NanoClock;

/**
 * A circuit breaker: it lets calls through while they mostly succeed, rejects them for a while once too many
 * fail, then lets a few trial calls decide whether to close again.
 *
 * <p>A caller asks {@link #tryAcquirePermission()} before a call and, only if permitted, reports the outcome
 * with exactly one of {@link #onSuccess(long)}, {@link #onError(long, Throwable)}, {@link #onFailure(long)} or
 * {@link #releasePermission()}. In the closed state these take no lock and allocate nothing; with a count-based
 * window that holds only fast successes, a fast success writes nothing at all.
 *
 * <p>Time-driven transitions (the wait in open state when {@code automaticTransitionFromOpenToHalfOpenEnabled}, the
 * {@code maxWaitDurationInHalfOpenState}) need no thread: they are observed lazily, by the next call of
 * {@link #state()}, {@link #metrics()}, {@link #tryAcquirePermission()} or an outcome, and take effect as of the
 * moment they were due, as a scheduler would have made them. The listener hears of such a change on the thread
 * that observed it; whole rounds of open and half-open that passed unobserved are skipped without a word.
 */
public interface CircuitBreaker {

    /**
     * Creates a breaker in {@link CircuitBreakerState#CLOSED}.
     *
     * @param name what operators know it by
     * @param config its settings
     * @param clock the clock waits and the seconds of a time-based window are measured on
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
     * Asks to make a call. A permitted call must be followed by exactly one outcome ({@link #onSuccess(long)},
     * {@link #onError(long, Throwable)}, {@link #onFailure(long)}) or {@link #releasePermission()}; a refused one
     * is counted as not permitted.
     *
     * @return whether the call may go ahead
     */
    boolean tryAcquirePermission();

    /**
     * Records that a permitted call succeeded.
     *
     * @param durationNanos how long it took; slow when longer than {@code slowCallDurationThreshold} (strictly, as
     *     in resilience4j)
     */
    void onSuccess(long durationNanos);

    /**
     * Records that a permitted call threw: a failure when {@code recordExceptions} is empty or lists one of its
     * classes, a success when it lists none of them, nothing (the permission is released) when
     * {@code ignoreExceptions} lists one. A {@link java.util.concurrent.CompletionException} or
     * {@link java.util.concurrent.ExecutionException} is judged by its cause, as resilience4j does.
     *
     * @param durationNanos how long it took
     * @param error what it threw
     */
    void onError(long durationNanos, Throwable error);

    /**
     * Records a failure whatever the exception lists say: for calls that returned a result judged a failure.
     *
     * @param durationNanos how long it took
     */
    void onFailure(long durationNanos);

    /** Gives back the permission of a permitted call whose outcome must not count: it is recorded nowhere. */
    void releasePermission();

    /** Records that a permitted call succeeded, with a duration of zero; same as {@code onSuccess(0)}. */
    default void onSuccess() {
        onSuccess(0);
    }

    /** Records a failure, with a duration of zero; same as {@code onFailure(0)}. */
    default void onFailure() {
        onFailure(0);
    }

    /**
     * Applies new settings without losing the state and the window, where the window's shape allows: a new
     * threshold, wait in open state or number of trial calls applies from the next decision on.
     *
     * @param config the new settings
     * @return {@code false}, changing nothing, when the window type, the window size or the minimum number of
     *     calls differ: a window of another shape cannot carry the recorded outcomes over, so the caller needs a
     *     new breaker
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
