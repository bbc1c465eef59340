package dev.bulwark.agent.policyfile;

import dev.bulwark.policies.circuitbreaker.CircuitBreakerConfig;

import java.time.Duration;
import java.util.List;

import static dev.bulwark.agent.policyfile.KeyMerge.or;
import static dev.bulwark.agent.policyfile.SettingRange.requireBetween;
import static dev.bulwark.agent.policyfile.SettingRange.requireZeroOrBetween;

/**
 * A {@code circuitBreaker} block as written, in a policy or in {@code defaults}: every key optional. A key a
 * policy leaves out takes the value from {@code defaults}, and failing that resilience4j's default.
 *
 * @param failureRateThreshold percent, 1 to 100 [50]
 * @param slidingWindowSize calls, 1 to 100,000 [100]; seconds, 1 to 3,600, for a {@code TIME_BASED} window
 * @param minimumNumberOfCalls calls, 1 to 100,000 [100]; at most the window size for a {@code COUNT_BASED} window
 * @param waitDurationInOpenState 1 ms to 24 h [60s]
 * @param permittedNumberOfCallsInHalfOpenState calls, 1 to 100,000 [10]
 * @param slidingWindowType [COUNT_BASED]
 * @param slowCallRateThreshold percent of slow calls, 1 to 100 [100]
 * @param slowCallDurationThreshold a call at least this long is slow, 1 ms to 24 h [60s]
 * @param maxWaitDurationInHalfOpenState 0 for no bound [0], or 1 ms to 24 h
 * @param automaticTransitionFromOpenToHalfOpenEnabled whether the breaker goes half-open without a call [false]
 * @param recordExceptions exceptions that count as failures, fully qualified names [none: every exception]
 * @param ignoreExceptions exceptions that count as neither failure nor success [none]
 */
public record CircuitBreakerSettings(
        Integer failureRateThreshold,
        Integer slidingWindowSize,
        Integer minimumNumberOfCalls,
        Duration waitDurationInOpenState,
        Integer permittedNumberOfCallsInHalfOpenState,
        SlidingWindowType slidingWindowType,
        Integer slowCallRateThreshold,
        Duration slowCallDurationThreshold,
        Duration maxWaitDurationInHalfOpenState,
        Boolean automaticTransitionFromOpenToHalfOpenEnabled,
        @ClassNames List<String> recordExceptions,
        @ClassNames List<String> ignoreExceptions) {

    /** The longest time-based window, in seconds: the window keeps one bucket per second. */
    public static final int MAX_TIME_BASED_WINDOW_SECONDS = 3600;
    private static final Duration ONE_MILLISECOND = Duration.ofMillis(1);
    private static final Duration ONE_DAY = Duration.ofHours(24);

    /** Every key omitted. */
    static final CircuitBreakerSettings NONE = new CircuitBreakerSettings(null, null, null, null, null, null, null,
            null, null, null, null, null);

    /**
     * resilience4j's defaults, except {@code minimumNumberOfCalls}, which depends on the window (see
     * {@link #complete()}).
     */
    static final CircuitBreakerSettings BUILT_IN = new CircuitBreakerSettings(
            CircuitBreakerConfig.DEFAULT_FAILURE_RATE_THRESHOLD, CircuitBreakerConfig.DEFAULT_SLIDING_WINDOW_SIZE,
            null, CircuitBreakerConfig.DEFAULT_WAIT_DURATION_IN_OPEN_STATE,
            CircuitBreakerConfig.DEFAULT_PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE, SlidingWindowType.COUNT_BASED,
            100, Duration.ofSeconds(60), Duration.ZERO, false, List.of(), List.of());

    /**
     * Checks each key's range now, so that an error points at this block of the file. The window's size and the
     * minimum are compared with the window's type and size only when this block sets them; otherwise once
     * {@code defaults} are merged in.
     */
    public CircuitBreakerSettings {
        requireBetween("failureRateThreshold", failureRateThreshold, 1, 100);
        if (slidingWindowType == SlidingWindowType.TIME_BASED) {
            requireBetween("slidingWindowSize", slidingWindowSize, 1, MAX_TIME_BASED_WINDOW_SECONDS,
                    " seconds for a TIME_BASED window");
        } else {
            requireBetween("slidingWindowSize", slidingWindowSize, 1, CircuitBreakerConfig.MAX_CALLS);
        }
        requireBetween("minimumNumberOfCalls", minimumNumberOfCalls, 1, CircuitBreakerConfig.MAX_CALLS);
        requireBetween("waitDurationInOpenState", waitDurationInOpenState, ONE_MILLISECOND, ONE_DAY);
        requireBetween("permittedNumberOfCallsInHalfOpenState", permittedNumberOfCallsInHalfOpenState, 1,
                CircuitBreakerConfig.MAX_CALLS);
        requireBetween("slowCallRateThreshold", slowCallRateThreshold, 1, 100);
        requireBetween("slowCallDurationThreshold", slowCallDurationThreshold, ONE_MILLISECOND, ONE_DAY);
        requireZeroOrBetween("maxWaitDurationInHalfOpenState", maxWaitDurationInHalfOpenState, ONE_MILLISECOND,
                ONE_DAY);
        // A time-based window may need more calls than it has seconds; only a count-based one can never reach them.
        if (slidingWindowType != SlidingWindowType.TIME_BASED && slidingWindowSize != null
                && minimumNumberOfCalls != null && minimumNumberOfCalls > slidingWindowSize) {
            throw new IllegalArgumentException("minimumNumberOfCalls (" + minimumNumberOfCalls
                    + ") must not exceed slidingWindowSize (" + slidingWindowSize + ")");
        }
        recordExceptions = recordExceptions == null ? null : List.copyOf(recordExceptions);
        ignoreExceptions = ignoreExceptions == null ? null : List.copyOf(ignoreExceptions);
    }

    /**
     * @param defaults the {@code defaults} block's settings
     * @return these settings, with every key left out taken from {@code defaults}
     * @throws IllegalArgumentException when the merged keys conflict
     */
    public CircuitBreakerSettings withDefaults(CircuitBreakerSettings defaults) {
        return new CircuitBreakerSettings(
                or(failureRateThreshold, defaults.failureRateThreshold),
                or(slidingWindowSize, defaults.slidingWindowSize),
                or(minimumNumberOfCalls, defaults.minimumNumberOfCalls),
                or(waitDurationInOpenState, defaults.waitDurationInOpenState),
                or(permittedNumberOfCallsInHalfOpenState, defaults.permittedNumberOfCallsInHalfOpenState),
                or(slidingWindowType, defaults.slidingWindowType),
                or(slowCallRateThreshold, defaults.slowCallRateThreshold),
                or(slowCallDurationThreshold, defaults.slowCallDurationThreshold),
                or(maxWaitDurationInHalfOpenState, defaults.maxWaitDurationInHalfOpenState),
                or(automaticTransitionFromOpenToHalfOpenEnabled, defaults.automaticTransitionFromOpenToHalfOpenEnabled),
                or(recordExceptions, defaults.recordExceptions),
                or(ignoreExceptions, defaults.ignoreExceptions));
    }

    /**
     * @return these settings with every key still left out taken from the built-in defaults; the default minimum of
     *     100 calls is capped at a count-based window's size, as resilience4j does
     * @throws IllegalArgumentException when a key given conflicts with a built-in default
     */
    CircuitBreakerSettings complete() {
        CircuitBreakerSettings all = withDefaults(BUILT_IN);
        if (all.minimumNumberOfCalls != null) {
            return all;
        }
        int minimum = all.slidingWindowType == SlidingWindowType.COUNT_BASED
                ? Math.min(CircuitBreakerConfig.DEFAULT_MINIMUM_NUMBER_OF_CALLS, all.slidingWindowSize)
                : CircuitBreakerConfig.DEFAULT_MINIMUM_NUMBER_OF_CALLS;
        return all.withDefaults(new CircuitBreakerSettings(null, null, minimum, null, null, null, null, null, null,
                null, null, null));
    }

    /**
     * @return the breaker's configuration, resilience4j's defaults filled in
     * @throws IllegalArgumentException naming the key out of range and what is allowed
     */
    public CircuitBreakerConfig toConfig() {
        CircuitBreakerConfig.Builder builder = CircuitBreakerConfig.builder();
        if (failureRateThreshold != null) {
            builder.failureRateThreshold(failureRateThreshold);
        }
        if (slidingWindowSize != null) {
            builder.slidingWindowSize(slidingWindowSize);
        }
        if (minimumNumberOfCalls != null) {
            builder.minimumNumberOfCalls(minimumNumberOfCalls);
        }
        if (waitDurationInOpenState != null) {
            builder.waitDurationInOpenState(waitDurationInOpenState);
        }
        if (permittedNumberOfCallsInHalfOpenState != null) {
            builder.permittedNumberOfCallsInHalfOpenState(permittedNumberOfCallsInHalfOpenState);
        }
        if (slidingWindowType != null) {
            builder.slidingWindowType(
                    dev.bulwark.policies.circuitbreaker.SlidingWindowType.valueOf(slidingWindowType.name()));
        }
        if (slowCallRateThreshold != null) {
            builder.slowCallRateThreshold(slowCallRateThreshold);
        }
        if (slowCallDurationThreshold != null) {
            builder.slowCallDurationThreshold(slowCallDurationThreshold);
        }
        if (maxWaitDurationInHalfOpenState != null) {
            builder.maxWaitDurationInHalfOpenState(maxWaitDurationInHalfOpenState);
        }
        if (automaticTransitionFromOpenToHalfOpenEnabled != null) {
            builder.automaticTransitionFromOpenToHalfOpenEnabled(automaticTransitionFromOpenToHalfOpenEnabled);
        }
        if (recordExceptions != null) {
            builder.recordExceptions(recordExceptions);
        }
        if (ignoreExceptions != null) {
            builder.ignoreExceptions(ignoreExceptions);
        }
        return builder.build();
    }
}
