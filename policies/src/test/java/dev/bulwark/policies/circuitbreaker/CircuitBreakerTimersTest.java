package dev.bulwark.policies.circuitbreaker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.bulwark.policies.circuitbreaker.CircuitBreakerState.CLOSED;
import static dev.bulwark.policies.circuitbreaker.CircuitBreakerState.HALF_OPEN;
import static dev.bulwark.policies.circuitbreaker.CircuitBreakerState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTimersTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration MAX_HALF_OPEN = Duration.ofSeconds(3);

    private final ManualClock clock = new ManualClock();
    private final List<String> transitions = new ArrayList<>();

    @Test
    void withoutAutomaticTransitionAnOpenBreakerStaysOpenUntilACallAsks() {
        CircuitBreaker breaker = breaker(false, Duration.ZERO);
        trip(breaker);

        clock.advance(WAIT.multipliedBy(3));

        assertThat(breaker.state()).isEqualTo(OPEN);
    }

    @Test
    void automaticTransitionIsObservedByReadingTheState() {
        CircuitBreaker breaker = breaker(true, Duration.ZERO);
        trip(breaker);

        clock.advance(WAIT);

        assertThat(breaker.state()).isEqualTo(HALF_OPEN);
        assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN");
    }

    @Test
    void automaticTransitionIsObservedByReadingTheMetrics() {
        CircuitBreaker breaker = breaker(true, Duration.ZERO);
        trip(breaker);

        clock.advance(WAIT);

        assertThat(breaker.metrics().bufferedCalls()).isZero();
        assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN");
    }

    @Test
    void automaticTransitionWaitsForTheWholeWait() {
        CircuitBreaker breaker = breaker(true, Duration.ZERO);
        trip(breaker);

        clock.advance(WAIT.minusNanos(1));

        assertThat(breaker.state()).isEqualTo(OPEN);
    }

    @Test
    void aBreakerHalfOpenForTheMaximumWaitOpensAgain() {
        CircuitBreaker breaker = breaker(false, MAX_HALF_OPEN);
        trip(breaker);
        clock.advance(WAIT.plusMillis(1));
        assertThat(breaker.tryAcquirePermission()).isTrue();

        clock.advance(MAX_HALF_OPEN);

        assertThat(breaker.state()).isEqualTo(OPEN);
        assertThat(breaker.tryAcquirePermission()).isFalse();
        assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN");
    }

    @Test
    void aTrialOutcomeArrivingAfterTheMaximumWaitDecidesNothing() {
        CircuitBreaker breaker = breaker(false, MAX_HALF_OPEN);
        trip(breaker);
        clock.advance(WAIT.plusMillis(1));
        assertThat(breaker.tryAcquirePermission()).isTrue();
        clock.advance(MAX_HALF_OPEN);

        breaker.onSuccess(0);

        assertThat(breaker.state()).isEqualTo(OPEN);
    }

    @Test
    void theWaitInOpenStateAfterAnExpiredTrialCountsFromWhenItExpired() {
        CircuitBreaker breaker = breaker(false, MAX_HALF_OPEN);
        trip(breaker);
        clock.advance(WAIT.plusMillis(1));
        assertThat(breaker.tryAcquirePermission()).isTrue();
        clock.advance(MAX_HALF_OPEN.plus(WAIT).plusMillis(1));

        // Nobody looked when the trial expired; the breaker reopened then, so its wait is over now.
        assertThat(breaker.tryAcquirePermission()).isTrue();
        assertThat(breaker.state()).isEqualTo(HALF_OPEN);
    }

    @Test
    void unobservedRoundsOfOpenAndHalfOpenAreDatedAsAScheduleWouldHaveRunThem() {
        CircuitBreaker breaker = breaker(true, MAX_HALF_OPEN);
        trip(breaker);

        // Two whole rounds of wait + half-open, then 1 s into the third wait.
        clock.advance(WAIT.plus(MAX_HALF_OPEN).multipliedBy(2).plusSeconds(1));
        assertThat(breaker.state()).isEqualTo(OPEN);
        clock.advance(WAIT.minusSeconds(1));

        assertThat(breaker.state()).isEqualTo(HALF_OPEN);
    }

    @Test
    void halfOpenDecidesOnTheMinimumNumberOfCallsWhenFewerThanTheTrialCalls() {
        CircuitBreaker breaker = CircuitBreaker.create("orders", CircuitBreakerConfig.builder()
                        .slidingWindowSize(4).minimumNumberOfCalls(2).waitDurationInOpenState(WAIT)
                        .permittedNumberOfCallsInHalfOpenState(5).build(),
                clock, CircuitBreaker.StateTransitionListener.NONE);
        breaker.onFailure(0);
        breaker.onFailure(0);
        clock.advance(WAIT.plusMillis(1));
        assertThat(breaker.tryAcquirePermission()).isTrue();
        assertThat(breaker.tryAcquirePermission()).isTrue();

        breaker.onSuccess(0);
        breaker.onSuccess(0);

        assertThat(breaker.state()).isEqualTo(CLOSED);
    }

    private CircuitBreaker breaker(boolean automatic, Duration maxWaitInHalfOpen) {
        return CircuitBreaker.create("inventory", CircuitBreakerConfig.builder()
                        .slidingWindowSize(2).minimumNumberOfCalls(2).waitDurationInOpenState(WAIT)
                        .permittedNumberOfCallsInHalfOpenState(2)
                        .automaticTransitionFromOpenToHalfOpenEnabled(automatic)
                        .maxWaitDurationInHalfOpenState(maxWaitInHalfOpen).build(),
                clock, (b, from, to) -> transitions.add(from + "->" + to));
    }

    private void trip(CircuitBreaker breaker) {
        breaker.onFailure(0);
        breaker.onFailure(0);
        assertThat(breaker.state()).isEqualTo(OPEN);
    }
}
