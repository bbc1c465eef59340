package dev.bulwark.policies.circuitbreaker.internal;

import dev.bulwark.policies.circuitbreaker.CircuitBreaker;
import dev.bulwark.policies.circuitbreaker.CircuitBreakerConfig;
import dev.bulwark.policies.circuitbreaker.CircuitBreakerMetrics;
import dev.bulwark.policies.circuitbreaker.CircuitBreakerState;
import dev.bulwark.policies.time.NanoClock;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link CircuitBreaker} whose current state is one immutable-by-reference object swapped by compare-and-set.
 *
 * <p>Each state object owns its window, so a transition never has to clear shared counters, and a call that
 * races with a transition records into the state it saw. Only the thread that wins the swap tells the listener.
 */
public final class CircuitBreakerStateMachine implements CircuitBreaker {
    private final String name;
    private volatile CircuitBreakerConfig config;
    private final NanoClock clock;
    private final StateTransitionListener listener;
    private volatile long waitInOpenStateNanos;
    private final AtomicReference<State> state;

    /**
     * @param name what operators know it by
     * @param config its settings
     * @param clock the clock the wait in open state is measured on
     * @param listener told of every state change
     */
    public CircuitBreakerStateMachine(String name, CircuitBreakerConfig config, NanoClock clock,
                                      StateTransitionListener listener) {
        this.name = name;
        this.config = config;
        this.clock = clock;
        this.listener = listener;
        this.waitInOpenStateNanos = config.waitDurationInOpenState().toNanos();
        this.state = new AtomicReference<>(new Closed());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CircuitBreakerConfig config() {
        return config;
    }

    @Override
    public CircuitBreakerState state() {
        return state.get().kind;
    }

    @Override
    public CircuitBreakerMetrics metrics() {
        return state.get();
    }

    @Override
    public boolean tryAcquirePermission() {
        return state.get().tryAcquirePermission();
    }

    @Override
    public void onSuccess() {
        state.get().record(false);
    }

    @Override
    public void onFailure() {
        state.get().record(true);
    }

    @Override
    public boolean reconfigure(CircuitBreakerConfig next) {
        CircuitBreakerConfig current = config;
        if (next.slidingWindowSize() != current.slidingWindowSize()
                || next.minimumNumberOfCalls() != current.minimumNumberOfCalls()) {
            return false;
        }
        waitInOpenStateNanos = next.waitDurationInOpenState().toNanos();
        config = next;
        return true;
    }

    @Override
    public void forceOpen() {
        force(new ForcedOpen());
    }

    @Override
    public void forceClose() {
        force(new ForcedClosed());
    }

    @Override
    public void disable() {
        force(new Disabled());
    }

    @Override
    public void reset() {
        force(new Closed());
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + state() + "]";
    }

    private void force(State next) {
        State previous = state.getAndSet(next);
        if (previous.kind != next.kind) {
            notifyListener(previous.kind, next.kind);
        }
    }

    /** Swaps {@code expected} for {@code next} unless another thread changed the state first. */
    private void transition(State expected, State next) {
        if (state.compareAndSet(expected, next)) {
            notifyListener(expected.kind, next.kind);
        }
    }

    /** A listener's failure must not fail the call that caused the transition; the transition stands. */
    private void notifyListener(CircuitBreakerState from, CircuitBreakerState to) {
        try {
            listener.onStateTransition(this, from, to);
        } catch (RuntimeException | LinkageError ignored) {
            // Nothing to report to: the listener is how this breaker reports.
        }
    }

    /** A state: how it answers a request for permission and what it does with an outcome. */
    private abstract class State implements CircuitBreakerMetrics {
        final CircuitBreakerState kind;
        final CountBasedWindow window;

        State(CircuitBreakerState kind, CountBasedWindow window) {
            this.kind = kind;
            this.window = window;
        }

        abstract boolean tryAcquirePermission();

        abstract void record(boolean failure);

        final boolean reject() {
            window.recordNotPermitted();
            return false;
        }

        @Override
        public float failureRate() {
            return window.failureRate();
        }

        @Override
        public int bufferedCalls() {
            return window.bufferedCalls();
        }

        @Override
        public int failedCalls() {
            return window.failedCalls();
        }

        @Override
        public int successfulCalls() {
            return window.bufferedCalls() - window.failedCalls();
        }

        @Override
        public long notPermittedCalls() {
            return window.notPermittedCalls();
        }
    }

    private CountBasedWindow closedWindow() {
        return new CountBasedWindow(config.slidingWindowSize(), config.minimumNumberOfCalls());
    }

    private final class Closed extends State {
        Closed() {
            super(CircuitBreakerState.CLOSED, closedWindow());
        }

        @Override
        boolean tryAcquirePermission() {
            return true;
        }

        @Override
        void record(boolean failure) {
            window.record(failure);
            if (window.failureRate() >= config.failureRateThreshold()) {
                transition(this, new Open(window));
            }
        }
    }

    /** Keeps the window it opened with, so operators still see why it opened. */
    private final class Open extends State {
        private final long openedAt = clock.nanoTime();

        Open(CountBasedWindow window) {
            super(CircuitBreakerState.OPEN, window);
        }

        @Override
        boolean tryAcquirePermission() {
            if (clock.nanoTime() - openedAt > waitInOpenStateNanos) {
                transition(this, new HalfOpen());
                return state.get().tryAcquirePermission();
            }
            return reject();
        }

        @Override
        void record(boolean failure) {
            // A call permitted before the breaker opened has finished: it counts, but decides nothing.
            window.record(failure);
        }
    }

    private final class HalfOpen extends State {
        private final AtomicInteger permits = new AtomicInteger(config.permittedNumberOfCallsInHalfOpenState());

        HalfOpen() {
            super(CircuitBreakerState.HALF_OPEN, new CountBasedWindow(
                    config.permittedNumberOfCallsInHalfOpenState(), config.permittedNumberOfCallsInHalfOpenState()));
        }

        @Override
        boolean tryAcquirePermission() {
            int left;
            do {
                left = permits.get();
                if (left <= 0) {
                    return reject();
                }
            } while (!permits.compareAndSet(left, left - 1));
            return true;
        }

        @Override
        void record(boolean failure) {
            // Exactly one thread completes the trial, after every trial outcome is counted: it decides.
            if (window.record(failure) == window.size()) {
                transition(this, window.failureRate() >= config.failureRateThreshold() ? new Open(window) : new Closed());
            }
        }
    }

    private final class ForcedOpen extends State {
        ForcedOpen() {
            super(CircuitBreakerState.FORCED_OPEN, closedWindow());
        }

        @Override
        boolean tryAcquirePermission() {
            return reject();
        }

        @Override
        void record(boolean failure) {
            // As in resilience4j: calls that were under way when an operator forced the breaker open are not counted.
        }
    }

    private final class ForcedClosed extends State {
        ForcedClosed() {
            super(CircuitBreakerState.FORCED_CLOSED, closedWindow());
        }

        @Override
        boolean tryAcquirePermission() {
            return true;
        }

        @Override
        void record(boolean failure) {
            window.record(failure);
        }
    }

    private final class Disabled extends State {
        Disabled() {
            super(CircuitBreakerState.DISABLED, closedWindow());
        }

        @Override
        boolean tryAcquirePermission() {
            return true;
        }

        @Override
        void record(boolean failure) {
            // Disabled means nothing is recorded.
        }
    }
}
