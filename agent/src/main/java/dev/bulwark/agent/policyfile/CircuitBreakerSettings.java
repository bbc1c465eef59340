package dev.bulwark.agent.policyfile;

import dev.bulwark.policies.circuitbreaker.CircuitBreakerConfig;

import java.time.Duration;

/**
 * A {@code circuitBreaker} block as written, in a policy or in {@code defaults}: every key optional. A key a
 * policy leaves out takes the value from {@code defaults}, and failing that resilience4j's default.
 *
 * @param failureRateThreshold percent, 1 to 100
 * @param slidingWindowSize calls, at least 1
 * @param minimumNumberOfCalls calls, at least 1, at most the window size
 * @param waitDurationInOpenState a duration, 1 ms to 24 h
 * @param permittedNumberOfCallsInHalfOpenState calls, at least 1
 */
public record CircuitBreakerSettings(
        Integer failureRateThreshold,
        Integer slidingWindowSize,
        Integer minimumNumberOfCalls,
        Duration waitDurationInOpenState,
        Integer permittedNumberOfCallsInHalfOpenState) {

    /** Every key omitted. */
    static final CircuitBreakerSettings NONE = new CircuitBreakerSettings(null, null, null, null, null);

    /**
     * Checks each key's range now, so that an error points at this block of the file. The minimum is compared with
     * the window here only when this block sets both; otherwise once {@code defaults} are merged in.
     */
    public CircuitBreakerSettings {
        // A compact constructor assigns the fields only at its end: the check takes the parameters.
        configOf(failureRateThreshold, slidingWindowSize, minimumNumberOfCalls, waitDurationInOpenState,
                permittedNumberOfCallsInHalfOpenState, slidingWindowSize != null);
    }

    /**
     * @param defaults the {@code defaults} block's settings
     * @return these settings, with every key left out taken from {@code defaults}
     */
    public CircuitBreakerSettings withDefaults(CircuitBreakerSettings defaults) {
        return new CircuitBreakerSettings(
                failureRateThreshold != null ? failureRateThreshold : defaults.failureRateThreshold,
                slidingWindowSize != null ? slidingWindowSize : defaults.slidingWindowSize,
                minimumNumberOfCalls != null ? minimumNumberOfCalls : defaults.minimumNumberOfCalls,
                waitDurationInOpenState != null ? waitDurationInOpenState : defaults.waitDurationInOpenState,
                permittedNumberOfCallsInHalfOpenState != null
                        ? permittedNumberOfCallsInHalfOpenState : defaults.permittedNumberOfCallsInHalfOpenState);
    }

    /**
     * @return the breaker's configuration, resilience4j's defaults filled in
     * @throws IllegalArgumentException naming the key out of range and what is allowed
     */
    public CircuitBreakerConfig toConfig() {
        return configOf(failureRateThreshold, slidingWindowSize, minimumNumberOfCalls, waitDurationInOpenState,
                permittedNumberOfCallsInHalfOpenState, true);
    }

    private static CircuitBreakerConfig configOf(Integer failureRateThreshold, Integer slidingWindowSize,
                                                 Integer minimumNumberOfCalls, Duration waitDurationInOpenState,
                                                 Integer permittedNumberOfCallsInHalfOpenState,
                                                 boolean checkMinimumAgainstWindow) {
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
        CircuitBreakerConfig config = builder.build();
        // The library caps silently, as resilience4j does; in a policy file a value that cannot take effect is an error.
        if (checkMinimumAgainstWindow && minimumNumberOfCalls != null
                && minimumNumberOfCalls > config.slidingWindowSize()) {
            throw new IllegalArgumentException("minimumNumberOfCalls (" + minimumNumberOfCalls
                    + ") must not exceed slidingWindowSize (" + config.slidingWindowSize() + ")");
        }
        return config;
    }
}
