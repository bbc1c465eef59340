package dev.bulwark.policies.circuitbreaker;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The immutable settings of a {@link CircuitBreaker}. Names and defaults are resilience4j's, so that a team
 * moving from resilience4j keeps its numbers.
 *
 * @param failureRateThreshold percentage of failed calls, 1 to 100, at or above which the breaker opens
 * @param slidingWindowSize for a {@link SlidingWindowType#COUNT_BASED} window, the number of most recent calls the
 *     rates are computed over, 1 to 100,000; for a {@link SlidingWindowType#TIME_BASED} one, seconds, 1 to 3,600
 * @param minimumNumberOfCalls calls needed in the window before the rates count, 1 to 100,000; capped at the
 *     window size for a count-based window only, as resilience4j does (a time window has no fixed number of calls)
 * @param waitDurationInOpenState how long the breaker stays open before it lets trial calls through, 1 ms to 24 h
 * @param permittedNumberOfCallsInHalfOpenState trial calls in half-open state, 1 to 100,000; as in resilience4j,
 *     the trial is decided by the first {@code min(minimumNumberOfCalls, permittedNumberOfCallsInHalfOpenState)}
 *     outcomes
 * @param slidingWindowType whether the window counts calls or seconds
 * @param slowCallRateThreshold percentage of slow calls, 1 to 100, at or above which the breaker opens
 * @param slowCallDurationThreshold a call that took longer than this is slow, 1 ms to 24 h
 * @param maxWaitDurationInHalfOpenState how long the breaker may stay half-open before it opens again, 1 ms to
 *     24 h, or {@link Duration#ZERO} for as long as the trial calls take
 * @param automaticTransitionFromOpenToHalfOpenEnabled whether an open breaker becomes half-open once its wait has
 *     passed even when no call asks for permission; observed lazily, on the next read of its state or metrics
 * @param recordExceptions fully qualified names of the exception classes that count as failures (subclasses
 *     included); when empty, every exception does. Exceptions not listed count as successes
 * @param ignoreExceptions fully qualified names of the exception classes that count as nothing (subclasses
 *     included); they win over {@code recordExceptions}
 */
public record CircuitBreakerConfig(
        int failureRateThreshold,
        int slidingWindowSize,
        int minimumNumberOfCalls,
        Duration waitDurationInOpenState,
        int permittedNumberOfCallsInHalfOpenState,
        SlidingWindowType slidingWindowType,
        int slowCallRateThreshold,
        Duration slowCallDurationThreshold,
        Duration maxWaitDurationInHalfOpenState,
        boolean automaticTransitionFromOpenToHalfOpenEnabled,
        List<String> recordExceptions,
        List<String> ignoreExceptions) {

    /** resilience4j's default failure-rate threshold, in percent. */
    public static final int DEFAULT_FAILURE_RATE_THRESHOLD = 50;
    /** resilience4j's default size of the count-based window. */
    public static final int DEFAULT_SLIDING_WINDOW_SIZE = 100;
    /** resilience4j's default minimum number of calls. */
    public static final int DEFAULT_MINIMUM_NUMBER_OF_CALLS = 100;
    /** resilience4j's default wait in open state. */
    public static final Duration DEFAULT_WAIT_DURATION_IN_OPEN_STATE = Duration.ofSeconds(60);
    /** The largest window or number of trial calls: windows are allocated whole, so they are bounded. */
    public static final int MAX_CALLS = 100_000;
    /** The longest time-based window, in seconds: one bucket per second is allocated whole. */
    public static final int MAX_WINDOW_SECONDS = 3_600;
    /** The shortest wait in open state, as resilience4j allows. */
    public static final Duration MIN_WAIT_DURATION_IN_OPEN_STATE = Duration.ofMillis(1);
    /** The longest wait in open state; an operator who wants longer forces the breaker open. */
    public static final Duration MAX_WAIT_DURATION_IN_OPEN_STATE = Duration.ofHours(24);
    /** resilience4j's default number of trial calls in half-open state. */
    public static final int DEFAULT_PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE = 10;
    /** resilience4j's default slow-call-rate threshold, in percent: only all calls slow trip the breaker. */
    public static final int DEFAULT_SLOW_CALL_RATE_THRESHOLD = 100;
    /** resilience4j's default duration above which a call is slow. */
    public static final Duration DEFAULT_SLOW_CALL_DURATION_THRESHOLD = Duration.ofSeconds(60);
    /** resilience4j's default bound on the time in half-open state: none. */
    public static final Duration DEFAULT_MAX_WAIT_DURATION_IN_HALF_OPEN_STATE = Duration.ZERO;

    private static final Duration MIN_DURATION = Duration.ofMillis(1);
    private static final Duration MAX_DURATION = Duration.ofHours(24);

    /**
     * Settings as before the slow-call, time-window and exception settings existed; those keep their defaults.
     * Kept so that code written against the first five settings still compiles.
     */
    public CircuitBreakerConfig(int failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
                                Duration waitDurationInOpenState, int permittedNumberOfCallsInHalfOpenState) {
        this(failureRateThreshold, slidingWindowSize, minimumNumberOfCalls, waitDurationInOpenState,
                permittedNumberOfCallsInHalfOpenState, SlidingWindowType.COUNT_BASED, DEFAULT_SLOW_CALL_RATE_THRESHOLD,
                DEFAULT_SLOW_CALL_DURATION_THRESHOLD, DEFAULT_MAX_WAIT_DURATION_IN_HALF_OPEN_STATE, false,
                List.of(), List.of());
    }

    /** Checks every setting and caps {@code minimumNumberOfCalls} at the size of a count-based window. */
    public CircuitBreakerConfig {
        Objects.requireNonNull(slidingWindowType, "slidingWindowType");
        requireBetween("failureRateThreshold", failureRateThreshold, 1, 100);
        if (slidingWindowType == SlidingWindowType.TIME_BASED) {
            requireBetween("slidingWindowSize (seconds, TIME_BASED)", slidingWindowSize, 1, MAX_WINDOW_SECONDS);
        } else {
            requireBetween("slidingWindowSize", slidingWindowSize, 1, MAX_CALLS);
        }
        requireBetween("minimumNumberOfCalls", minimumNumberOfCalls, 1, MAX_CALLS);
        requireBetween("permittedNumberOfCallsInHalfOpenState", permittedNumberOfCallsInHalfOpenState, 1, MAX_CALLS);
        requireBetween("slowCallRateThreshold", slowCallRateThreshold, 1, 100);
        requireBetween("waitDurationInOpenState", waitDurationInOpenState, false);
        requireBetween("slowCallDurationThreshold", slowCallDurationThreshold, false);
        requireBetween("maxWaitDurationInHalfOpenState", maxWaitDurationInHalfOpenState, true);
        recordExceptions = classNames("recordExceptions", recordExceptions);
        ignoreExceptions = classNames("ignoreExceptions", ignoreExceptions);
        if (slidingWindowType == SlidingWindowType.COUNT_BASED) {
            minimumNumberOfCalls = Math.min(minimumNumberOfCalls, slidingWindowSize);
        }
    }

    /** @return resilience4j's defaults */
    public static CircuitBreakerConfig defaults() {
        return builder().build();
    }

    /** @return a builder that starts from resilience4j's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder that starts from these settings */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requireBetween(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static void requireBetween(String name, Duration value, boolean zeroAllowed) {
        Objects.requireNonNull(value, name);
        if (zeroAllowed && value.isZero()) {
            return;
        }
        if (value.compareTo(MIN_DURATION) < 0 || value.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(name + " must be between 1ms and 24h"
                    + (zeroAllowed ? " (or 0 for no bound)" : "") + ", was " + value);
        }
    }

    private static List<String> classNames(String name, List<String> classNames) {
        Objects.requireNonNull(classNames, name);
        for (String className : classNames) {
            if (className == null || className.isBlank()) {
                throw new IllegalArgumentException(name + " must hold fully qualified class names, was " + classNames);
            }
        }
        return List.copyOf(classNames);
    }

    /** Builds a {@link CircuitBreakerConfig}; every setting not given keeps resilience4j's default. */
    public static final class Builder {
        private int failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;
        private int slidingWindowSize = DEFAULT_SLIDING_WINDOW_SIZE;
        private int minimumNumberOfCalls = DEFAULT_MINIMUM_NUMBER_OF_CALLS;
        private Duration waitDurationInOpenState = DEFAULT_WAIT_DURATION_IN_OPEN_STATE;
        private int permittedNumberOfCallsInHalfOpenState = DEFAULT_PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE;
        private SlidingWindowType slidingWindowType = SlidingWindowType.COUNT_BASED;
        private int slowCallRateThreshold = DEFAULT_SLOW_CALL_RATE_THRESHOLD;
        private Duration slowCallDurationThreshold = DEFAULT_SLOW_CALL_DURATION_THRESHOLD;
        private Duration maxWaitDurationInHalfOpenState = DEFAULT_MAX_WAIT_DURATION_IN_HALF_OPEN_STATE;
        private boolean automaticTransitionFromOpenToHalfOpenEnabled;
        private List<String> recordExceptions = List.of();
        private List<String> ignoreExceptions = List.of();

        private Builder() {
        }

        private Builder(CircuitBreakerConfig from) {
            failureRateThreshold = from.failureRateThreshold;
            slidingWindowSize = from.slidingWindowSize;
            minimumNumberOfCalls = from.minimumNumberOfCalls;
            waitDurationInOpenState = from.waitDurationInOpenState;
            permittedNumberOfCallsInHalfOpenState = from.permittedNumberOfCallsInHalfOpenState;
            slidingWindowType = from.slidingWindowType;
            slowCallRateThreshold = from.slowCallRateThreshold;
            slowCallDurationThreshold = from.slowCallDurationThreshold;
            maxWaitDurationInHalfOpenState = from.maxWaitDurationInHalfOpenState;
            automaticTransitionFromOpenToHalfOpenEnabled = from.automaticTransitionFromOpenToHalfOpenEnabled;
            recordExceptions = from.recordExceptions;
            ignoreExceptions = from.ignoreExceptions;
        }

        /** @param percent see {@link CircuitBreakerConfig#failureRateThreshold()} */
        public Builder failureRateThreshold(int percent) {
            this.failureRateThreshold = percent;
            return this;
        }

        /** @param callsOrSeconds see {@link CircuitBreakerConfig#slidingWindowSize()} */
        public Builder slidingWindowSize(int callsOrSeconds) {
            this.slidingWindowSize = callsOrSeconds;
            return this;
        }

        /** @param calls see {@link CircuitBreakerConfig#minimumNumberOfCalls()} */
        public Builder minimumNumberOfCalls(int calls) {
            this.minimumNumberOfCalls = calls;
            return this;
        }

        /** @param wait see {@link CircuitBreakerConfig#waitDurationInOpenState()} */
        public Builder waitDurationInOpenState(Duration wait) {
            this.waitDurationInOpenState = wait;
            return this;
        }

        /** @param calls see {@link CircuitBreakerConfig#permittedNumberOfCallsInHalfOpenState()} */
        public Builder permittedNumberOfCallsInHalfOpenState(int calls) {
            this.permittedNumberOfCallsInHalfOpenState = calls;
            return this;
        }

        /** @param type see {@link CircuitBreakerConfig#slidingWindowType()} */
        public Builder slidingWindowType(SlidingWindowType type) {
            this.slidingWindowType = type;
            return this;
        }

        /** @param percent see {@link CircuitBreakerConfig#slowCallRateThreshold()} */
        public Builder slowCallRateThreshold(int percent) {
            this.slowCallRateThreshold = percent;
            return this;
        }

        /** @param duration see {@link CircuitBreakerConfig#slowCallDurationThreshold()} */
        public Builder slowCallDurationThreshold(Duration duration) {
            this.slowCallDurationThreshold = duration;
            return this;
        }

        /** @param wait see {@link CircuitBreakerConfig#maxWaitDurationInHalfOpenState()} */
        public Builder maxWaitDurationInHalfOpenState(Duration wait) {
            this.maxWaitDurationInHalfOpenState = wait;
            return this;
        }

        /** @param enabled see {@link CircuitBreakerConfig#automaticTransitionFromOpenToHalfOpenEnabled()} */
        public Builder automaticTransitionFromOpenToHalfOpenEnabled(boolean enabled) {
            this.automaticTransitionFromOpenToHalfOpenEnabled = enabled;
            return this;
        }

        /** @param classNames see {@link CircuitBreakerConfig#recordExceptions()} */
        public Builder recordExceptions(List<String> classNames) {
            this.recordExceptions = classNames;
            return this;
        }

        /** @param classNames see {@link CircuitBreakerConfig#ignoreExceptions()} */
        public Builder ignoreExceptions(List<String> classNames) {
            this.ignoreExceptions = classNames;
            return this;
        }

        /** @return the config; throws {@link IllegalArgumentException} naming the first setting out of range */
        public CircuitBreakerConfig build() {
            return new CircuitBreakerConfig(failureRateThreshold, slidingWindowSize, minimumNumberOfCalls,
                    waitDurationInOpenState, permittedNumberOfCallsInHalfOpenState, slidingWindowType,
                    slowCallRateThreshold, slowCallDurationThreshold, maxWaitDurationInHalfOpenState,
                    automaticTransitionFromOpenToHalfOpenEnabled, recordExceptions, ignoreExceptions);
        }
    }
}
