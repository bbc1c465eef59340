package dev.bulwark.policies.circuitbreaker;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.bulwark.policies.circuitbreaker.CircuitBreakerState.CLOSED;
import static dev.bulwark.policies.circuitbreaker.CircuitBreakerState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerSlowCallsTest {
    private static final long SLOW_NANOS = Duration.ofMillis(100).toNanos();

    private final CircuitBreaker breaker = CircuitBreaker.create("search",
            CircuitBreakerConfig.builder()
                    .slidingWindowSize(4).minimumNumberOfCalls(4)
                    .failureRateThreshold(100)
                    .slowCallRateThreshold(50)
                    .slowCallDurationThreshold(Duration.ofMillis(100))
                    .build(),
            new ManualClock(), CircuitBreaker.StateTransitionListener.NONE);

    @Test
    void opensWhenSlowCallRateReachesThresholdThoughEveryCallSucceeded() {
        breaker.onSuccess(0);
        breaker.onSuccess(0);
        breaker.onSuccess(SLOW_NANOS + 1);
        assertThat(breaker.state()).isEqualTo(CLOSED);

        breaker.onSuccess(SLOW_NANOS + 1);

        assertThat(breaker.state()).isEqualTo(OPEN);
        assertThat(breaker.metrics().slowCallRate()).isEqualTo(50f);
        assertThat(breaker.metrics().failureRate()).isZero();
    }

    @Test
    void aCallLastingExactlyTheThresholdIsNotSlowAsInResilience4j() {
        for (int i = 0; i < 4; i++) {
            breaker.onSuccess(SLOW_NANOS);
        }

        assertThat(breaker.metrics().slowCalls()).isZero();
        assertThat(breaker.state()).isEqualTo(CLOSED);
    }

    @Test
    void aSlowFailureCountsInBothRates() {
        breaker.onSuccess(0);
        breaker.onSuccess(0);
        breaker.onSuccess(0);

        breaker.onFailure(SLOW_NANOS + 1);

        CircuitBreakerMetrics metrics = breaker.metrics();
        assertThat(metrics.failedCalls()).isEqualTo(1);
        assertThat(metrics.slowCalls()).isEqualTo(1);
        assertThat(metrics.slowFailedCalls()).isEqualTo(1);
        assertThat(metrics.failureRate()).isEqualTo(25f);
        assertThat(metrics.slowCallRate()).isEqualTo(25f);
    }

    @Test
    void slowCallRateIsMinusOneBelowTheMinimumNumberOfCalls() {
        breaker.onSuccess(SLOW_NANOS + 1);

        assertThat(breaker.metrics().slowCallRate()).isEqualTo(-1f);
        assertThat(breaker.metrics().slowCalls()).isEqualTo(1);
    }

    @Test
    void slowCallsSlideOutOfTheWindowLikeAnyOther() {
        breaker.onSuccess(SLOW_NANOS + 1);
        for (int i = 0; i < 4; i++) {
            breaker.onSuccess(0);
        }

        assertThat(breaker.metrics().slowCalls()).isZero();
        assertThat(breaker.metrics().bufferedCalls()).isEqualTo(4);
    }

    @Test
    void theNoArgumentOutcomesAreFastCalls() {
        for (int i = 0; i < 4; i++) {
            breaker.onSuccess();
        }

        assertThat(breaker.metrics().slowCalls()).isZero();
        assertThat(breaker.metrics().successfulCalls()).isEqualTo(4);
    }
}
