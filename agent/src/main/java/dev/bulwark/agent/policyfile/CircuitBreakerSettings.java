package dev.bulwark.agent.policyfile;

import dev.bulwark.policies.circuitbreaker.CircuitBreakerConfig;

import java.time.Duration;

/**
 * The {@code circuitBreaker} block of a policy as written: every key optional, a missing one takes
 * resilience4j's default.
 *
 * @param failureRateThreshold percent, 1 to 100
 * @param slidingWindowSize calls, at least 1
 * @param minimumNumberOfCalls calls, at least 1
 * @param waitDurationInOpenState a duration
 * @param permittedNumberOfCallsInHalfOpenState calls, at least 1
 */
public record CircuitBreakerSettings(
        Integer failureRateThreshold,
        Integer slidingWindowSize,
        Integer minimumNumberOfCalls,
        Duration waitDurationInOpenState,
        Integer permittedNumberOfCallsInHalfOpenState) {

    /** Every key omitted. */
    static final CircuitBreakerSettings DEFAULTS = new CircuitBreakerSettings(null, null, null, null, null);

    /** Checks the ranges now, so that an error points at this block of the file. */
    public CircuitBreakerSettings {
        toConfig(failureRateThreshold, slidingWindowSize, minimumNumberOfCalls, waitDurationInOpenState,
                permittedNumberOfCallsInHalfOpenState);
    }

    /** @return the breaker's configuration, defaults filled in */
    public CircuitBreakerConfig toConfig() {
        return toConfig(failureRateThreshold, slidingWindowSize, minimumNumberOfCalls, waitDurationInOpenState,
                permittedNumberOfCallsInHalfOpenState);
    }

    private static CircuitBreakerConfig toConfig(Integer failureRateThreshold, Integer slidingWindowSize,
                                                 Integer minimumNumberOfCalls, Duration waitDurationInOpenState,
                                                 Integer permittedNumberOfCallsInHalfOpenState) {
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
        return builder.build();
    }
}
