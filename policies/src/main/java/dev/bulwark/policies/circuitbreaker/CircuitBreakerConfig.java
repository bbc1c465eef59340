package dev.bulwark.policies.circuitbreaker;

import java.time.Duration;
import java.util.Objects;

/**
 * The immutable settings of a {@link CircuitBreaker}. Names and defaults are resilience4j's, so that a team
 * moving from resilience4j keeps its numbers.
 *
 * @param failureRateThreshold percentage of failed calls, 1 to 100, at or above which the breaker opens
 * @param slidingWindowSize number of most recent calls the failure rate is computed over, 1 to 100,000
 * @param minimumNumberOfCalls calls needed in the window before the failure rate counts, 1 to 100,000; capped
 *     at the window size, as resilience4j does
 * @param waitDurationInOpenState how long the breaker stays open before it lets trial calls through, 1 ms to 24 h
 * @param permittedNumberOfCallsInHalfOpenState trial calls in half-open state, 1 to 100,000
 */
public record CircuitBreakerConfig(
        int failureRateThreshold,
        int slidingWindowSize,
        int minimumNumberOfCalls,
        Duration waitDurationInOpenState,
        int permittedNumberOfCallsInHalfOpenState) {

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
    /** The shortest wait in open state, as resilience4j allows. */
    public static final Duration MIN_WAIT_DURATION_IN_OPEN_STATE = Duration.ofMillis(1);
    /** The longest wait in open state; an operator who wants longer forces the breaker open. */
    public static final Duration MAX_WAIT_DURATION_IN_OPEN_STATE = Duration.ofHours(24);
    /** resilience4j's default number of trial calls in half-open state. */
    public static final int DEFAULT_PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE = 10;

    /** Checks every setting and caps {@code minimumNumberOfCalls} at the window size. */
    public CircuitBreakerConfig {
        requireBetween("failureRateThreshold", failureRateThreshold, 1, 100);
        requireBetween("slidingWindowSize", slidingWindowSize, 1, MAX_CALLS);
        requireBetween("minimumNumberOfCalls", minimumNumberOfCalls, 1, MAX_CALLS);
        requireBetween("permittedNumberOfCallsInHalfOpenState", permittedNumberOfCallsInHalfOpenState, 1, MAX_CALLS);
        Objects.requireNonNull(waitDurationInOpenState, "waitDurationInOpenState");
        if (waitDurationInOpenState.compareTo(MIN_WAIT_DURATION_IN_OPEN_STATE) < 0
                || waitDurationInOpenState.compareTo(MAX_WAIT_DURATION_IN_OPEN_STATE) > 0) {
            throw new IllegalArgumentException("waitDurationInOpenState must be between 1ms and 24h, was "
                    + waitDurationInOpenState);
        }
        minimumNumberOfCalls = Math.min(minimumNumberOfCalls, slidingWindowSize);
    }

    /** @return resilience4j's defaults */
    public static CircuitBreakerConfig defaults() {
        return builder().build();
    }

    /** @return a builder that starts from resilience4j's defaults */
    public static Builder builder() {
        return new Builder();
    }

    private static void requireBetween(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** Builds a {@link CircuitBreakerConfig}; every setting not given keeps resilience4j's default. */
    public static final class Builder {
        private int failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;
        private int slidingWindowSize = DEFAULT_SLIDING_WINDOW_SIZE;
        private int minimumNumberOfCalls = DEFAULT_MINIMUM_NUMBER_OF_CALLS;
        private Duration waitDurationInOpenState = DEFAULT_WAIT_DURATION_IN_OPEN_STATE;
        private int permittedNumberOfCallsInHalfOpenState = DEFAULT_PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE;

        private Builder() {
        }

        /** @param percent see {@link CircuitBreakerConfig#failureRateThreshold()} */
        public Builder failureRateThreshold(int percent) {
            this.failureRateThreshold = percent;
            return this;
        }

        /** @param calls see {@link CircuitBreakerConfig#slidingWindowSize()} */
        public Builder slidingWindowSize(int calls) {
            this.slidingWindowSize = calls;
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

        /** @return the config; throws {@link IllegalArgumentException} naming the first setting out of range */
        public CircuitBreakerConfig build() {
            return new CircuitBreakerConfig(failureRateThreshold, slidingWindowSize, minimumNumberOfCalls,
                    waitDurationInOpenState, permittedNumberOfCallsInHalfOpenState);
        }
    }
}
