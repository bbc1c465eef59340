package dev.bulwark.policies.circuitbreaker.internal;

import dev.bulwark.policies.circuitbreaker.CircuitBreaker;
import dev.bulwark.policies.circuitbreaker.CircuitBreakerConfig;
import dev.bulwark.policies.circuitbreaker.CircuitBreakerMetrics;
import dev.bulwark.policies.circuitbreaker.CircuitBreakerState;
import dev.bulwark.policies.circuitbreaker.SlidingWindowType;
import dev.bulwark.policies.time.NanoClock;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link CircuitBreaker} whose current state is one immutable-by-reference object swapped by compare-and-set.
 *
 * <p>Each state object owns its window, so a transition never has to clear shared counters, and a call that
 * races with a transition records into the state it saw. Only the thread that wins the swap tells the listener.
 *
 * <p>No thread runs timers: an open or half-open state knows when it is due to change, and every entry point asks
 * it first ({@link #current()}), so a transition nobody observed happens on the next look, dated when it was due.
 */
public final class CircuitBreakerStateMachine implements CircuitBreaker {
    private final String name;
    private final NanoClock clock;
    private final StateTransitionListener listener;
    private volatile Settings settings;
    private final AtomicReference<State> state;

    /**
     * @param name what operators know it by
     * @param config its settings
     * @param clock the clock waits and the seconds of a time-based window are measured on
     * @param listener told of every state change
     */
    public CircuitBreakerStateMachine(String name, CircuitBreakerConfig config, NanoClock clock,
                                      StateTransitionListener listener) {
        this.name = name;
        this.clock = clock;
        this.listener = listener;
        this.settings = new Settings(config);
        this.state = new AtomicReference<>(new Closed());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CircuitBreakerConfig config() {
        return settings.config;
    }

    @Override
    public CircuitBreakerState state() {
        return current().kind;
    }

    @Override
    public CircuitBreakerMetrics metrics() {
        return current();
    }

    @Override
    public boolean tryAcquirePermission() {
        return current().tryAcquirePermission();
    }

    @Override
    public void onSuccess(long durationNanos) {
        current().record(false, durationNanos > settings.slowCallDurationNanos);
    }

    @Override
    public void onFailure(long durationNanos) {
        current().record(true, durationNanos > settings.slowCallDurationNanos);
    }

    @Override
    public void onError(long durationNanos, Throwable error) {
        Settings current = settings;
        Throwable judged = error;
        if ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
            judged = error.getCause();
        }
        switch (current.errorClassifier.classify(judged)) {
            case IGNORED -> releasePermission();
            case RECORDED -> current().record(true, durationNanos > current.slowCallDurationNanos);
            case NOT_RECORDED -> current().record(false, durationNanos > current.slowCallDurationNanos);
        }
    }

    @Override
    public void releasePermission() {
        current().releasePermission();
    }

    @Override
    public boolean reconfigure(CircuitBreakerConfig next) {
        CircuitBreakerConfig current = settings.config;
        if (next.slidingWindowType() != current.slidingWindowType()
                || next.slidingWindowSize() != current.slidingWindowSize()
                || next.minimumNumberOfCalls() != current.minimumNumberOfCalls()) {
            return false;
        }
        settings = new Settings(next);
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

    /** The state in force now, after any timed transition that fell due since the last look. */
    private State current() {
        State current = state.get();
        // CLOSED, the hot path, has no timer: it reads neither the clock nor anything else.
        while (current.kind != CircuitBreakerState.CLOSED) {
            State due = current.due();
            if (due == null) {
                return current;
            }
            transition(current, due);
            current = state.get();
        }
        return current;
    }

    private void force(State next) {
        State previous = state.getAndSet(next);
        if (previous.kind != next.kind) {
            notifyListener(previous.kind, next.kind);
        }
    }

    /** Swaps {@code expected} for {@code next} unless another thread changed the state first. */
    private void transition(State expected, State next) {
        if (state.compareAndSet(expected, next) && expected.kind != next.kind) {
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

    private SlidingWindow closedWindow() {
        CircuitBreakerConfig config = settings.config;
        if (config.slidingWindowType() == SlidingWindowType.TIME_BASED) {
            return new TimeBasedWindow(config.slidingWindowSize(), config.minimumNumberOfCalls(), clock);
        }
        return new CountBasedWindow(config.slidingWindowSize(), config.minimumNumberOfCalls());
    }

    /** resilience4j's half-open window: count-based, as many slots as trial calls, the minimum capped at them. */
    private CountBasedWindow halfOpenWindow() {
        CircuitBreakerConfig config = settings.config;
        int permitted = config.permittedNumberOfCallsInHalfOpenState();
        return new CountBasedWindow(permitted, Math.min(config.minimumNumberOfCalls(), permitted));
    }

    /** A config with what the hot path needs worked out once. */
    private static final class Settings {
        final CircuitBreakerConfig config;
        final float failureRateThreshold;
        final float slowCallRateThreshold;
        final long slowCallDurationNanos;
        final long waitInOpenStateNanos;
        final long maxWaitInHalfOpenStateNanos;
        final ErrorClassifier errorClassifier;

        Settings(CircuitBreakerConfig config) {
            this.config = config;
            this.failureRateThreshold = config.failureRateThreshold();
            this.slowCallRateThreshold = config.slowCallRateThreshold();
            this.slowCallDurationNanos = config.slowCallDurationThreshold().toNanos();
            this.waitInOpenStateNanos = config.waitDurationInOpenState().toNanos();
            this.maxWaitInHalfOpenStateNanos = config.maxWaitDurationInHalfOpenState().toNanos();
            this.errorClassifier = new ErrorClassifier(config.recordExceptions(), config.ignoreExceptions());
        }
    }

    /** A state: how it answers a request for permission and what it does with an outcome. */
    private abstract class State implements CircuitBreakerMetrics {
        final CircuitBreakerState kind;
        final SlidingWindow window;

        State(CircuitBreakerState kind, SlidingWindow window) {
            this.kind = kind;
            this.window = window;
        }

        abstract boolean tryAcquirePermission();

        abstract void record(boolean failed, boolean slow);

        void releasePermission() {
            // Only a state that counts its permissions has one to give back.
        }

        /** @return the state this one has become by now on a timer, or {@code null} while it stands */
        State due() {
            return null;
        }

        final boolean reject() {
            window.recordNotPermitted();
            return false;
        }

        @Override
        public float failureRate() {
            return window.failureRate();
        }

        @Override
        public float slowCallRate() {
            return window.slowCallRate();
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
        public int slowCalls() {
            return window.slowCalls();
        }

        @Override
        public int slowFailedCalls() {
            return window.slowFailedCalls();
        }

        @Override
        public long notPermittedCalls() {
            return window.notPermittedCalls();
        }
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
        void record(boolean failed, boolean slow) {
            Settings current = settings;
            if (window.recordAndJudge(failed, slow, current.failureRateThreshold, current.slowCallRateThreshold)
                    == SlidingWindow.ABOVE_THRESHOLDS) {
                transition(this, new Open(clock.nanoTime(), window));
            }
        }
    }

    /** Keeps the window it opened with, so operators still see why it opened. */
    private final class Open extends State {
        private final long openedAt;

        Open(long openedAt, SlidingWindow window) {
            super(CircuitBreakerState.OPEN, window);
            this.openedAt = openedAt;
        }

        @Override
        State due() {
            Settings current = settings;
            if (!current.config.automaticTransitionFromOpenToHalfOpenEnabled()) {
                return null;
            }
            long elapsed = clock.nanoTime() - openedAt;
            long wait = current.waitInOpenStateNanos;
            long maxWait = current.maxWaitInHalfOpenStateNanos;
            if (maxWait > 0 && elapsed >= wait + maxWait) {
                // Unobserved, the breaker went half-open and back every wait + maxWait, with no trial call to
                // record: skip the whole rounds at once rather than replay them.
                long rounds = elapsed / (wait + maxWait);
                return new Open(openedAt + rounds * (wait + maxWait), halfOpenWindow());
            }
            // A scheduler would have fired once the wait was over, so "at or after", unlike a call's check.
            return elapsed >= wait ? new HalfOpen(openedAt + wait) : null;
        }

        @Override
        boolean tryAcquirePermission() {
            long now = clock.nanoTime();
            // resilience4j lets trial calls through strictly after the wait (Instant.isAfter).
            if (now - openedAt > settings.waitInOpenStateNanos) {
                transition(this, new HalfOpen(now));
                return current().tryAcquirePermission();
            }
            return reject();
        }

        @Override
        void record(boolean failed, boolean slow) {
            // A call permitted before the breaker opened has finished: it counts, but decides nothing.
            window.record(failed, slow);
        }
    }

    private final class HalfOpen extends State {
        private final long startedAt;
        private final AtomicInteger permits = new AtomicInteger(settings.config.permittedNumberOfCallsInHalfOpenState());

        HalfOpen(long startedAt) {
            super(CircuitBreakerState.HALF_OPEN, halfOpenWindow());
            this.startedAt = startedAt;
        }

        @Override
        State due() {
            long maxWait = settings.maxWaitInHalfOpenStateNanos;
            if (maxWait > 0 && clock.nanoTime() - startedAt >= maxWait) {
                // Trial calls that never came back must not hold the breaker half-open for ever.
                return new Open(startedAt + maxWait, window);
            }
            return null;
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
        void releasePermission() {
            permits.incrementAndGet();
        }

        @Override
        void record(boolean failed, boolean slow) {
            CountBasedWindow trial = (CountBasedWindow) window;
            long snapshot = trial.recordForSnapshot(failed, slow);
            // The outcome that brings the window to its minimum decides, on exactly the outcomes before it, as in
            // resilience4j; the swap makes sure only one decision is taken.
            if (CountBasedWindow.calls(snapshot) == trial.minimumNumberOfCalls) {
                Settings current = settings;
                int verdict = trial.judge(CountBasedWindow.calls(snapshot), CountBasedWindow.failed(snapshot),
                        CountBasedWindow.slow(snapshot), current.failureRateThreshold, current.slowCallRateThreshold);
                transition(this, verdict == SlidingWindow.ABOVE_THRESHOLDS
                        ? new Open(clock.nanoTime(), window) : new Closed());
            }
        }
    }

    private final class ForcedOpen extends State {
        ForcedOpen() {
            super(CircuitBreakerState.FORCED_OPEN, new CountBasedWindow(1, 1));
        }

        @Override
        boolean tryAcquirePermission() {
            return reject();
        }

        @Override
        void record(boolean failed, boolean slow) {
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
        void record(boolean failed, boolean slow) {
            window.record(failed, slow);
        }
    }

    private final class Disabled extends State {
        Disabled() {
            super(CircuitBreakerState.DISABLED, new CountBasedWindow(1, 1));
        }

        @Override
        boolean tryAcquirePermission() {
            return true;
        }

        @Override
        void record(boolean failed, boolean slow) {
            // Disabled means nothing is recorded.
        }
    }
}
