package dev.bulwark.policies.circuitbreaker;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.bulwark.policies.circuitbreaker.CircuitBreakerState.CLOSED;
import static dev.bulwark.policies.circuitbreaker.CircuitBreakerState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTimeWindowTest {
    private final ManualClock clock = new ManualClock();
    private final CircuitBreaker breaker = CircuitBreaker.create("quotes", CircuitBreakerConfig.builder()
                    .slidingWindowType(SlidingWindowType.TIME_BASED)
                    .slidingWindowSize(3)
                    .minimumNumberOfCalls(5)
                    .failureRateThreshold(50)
                    .build(),
            clock, CircuitBreaker.StateTransitionListener.NONE);

    @Test
    void keepsTheOutcomesOfTheLastSizeSeconds() {
        breaker.onFailure(0);
        clock.advance(Duration.ofSeconds(2));
        breaker.onSuccess(0);

        assertThat(breaker.metrics().bufferedCalls()).isEqualTo(2);
        assertThat(breaker.metrics().failedCalls()).isEqualTo(1);
    }

    @Test
    void forgetsOutcomesOnceTheirSecondHasLeftTheWindow() {
        breaker.onFailure(0);
        clock.advance(Duration.ofSeconds(2));
        breaker.onSuccess(0);

        clock.advance(Duration.ofSeconds(1));

        assertThat(breaker.metrics().bufferedCalls()).isEqualTo(1);
        assertThat(breaker.metrics().failedCalls()).isZero();
    }

    @Test
    void bucketsFollowTheClocksWholeSecondsAsResilience4jsDo() {
        clock.advance(Duration.ofMillis(900));
        breaker.onFailure(0);

        // 0.2 s later is the next second: the failure's second is now the oldest of three.
        clock.advance(Duration.ofMillis(200).plusSeconds(2));

        assertThat(breaker.metrics().failedCalls()).isZero();
    }

    @Test
    void needsItsMinimumNumberOfCallsThoughItHasFewerSecondsThanThat() {
        for (int i = 0; i < 4; i++) {
            breaker.onFailure(0);
        }
        assertThat(breaker.state()).isEqualTo(CLOSED);
        assertThat(breaker.metrics().failureRate()).isEqualTo(-1f);

        breaker.onFailure(0);

        assertThat(breaker.state()).isEqualTo(OPEN);
    }

    @Test
    void opensOnTheFailureRateOfTheCallsStillInTheWindow() {
        for (int i = 0; i < 5; i++) {
            breaker.onSuccess(0);
        }
        clock.advance(Duration.ofSeconds(3));
        for (int i = 0; i < 2; i++) {
            breaker.onSuccess(0);
        }
        breaker.onFailure(0);
        breaker.onFailure(0);
        assertThat(breaker.state()).isEqualTo(CLOSED);

        breaker.onFailure(0);

        assertThat(breaker.state()).isEqualTo(OPEN);
        assertThat(breaker.metrics().failureRate()).isEqualTo(60f);
    }

    @Test
    void isEmptyAfterAnHourWithoutCalls() {
        for (int i = 0; i < 4; i++) {
            breaker.onFailure(0);
        }

        clock.advance(Duration.ofHours(1));

        assertThat(breaker.metrics().bufferedCalls()).isZero();
        assertThat(breaker.metrics().failedCalls()).isZero();
    }
}
