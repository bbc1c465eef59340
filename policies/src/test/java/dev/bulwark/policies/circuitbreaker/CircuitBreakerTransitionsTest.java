package dev.bulwark.policies.circuitbreaker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.bulwark.policies.circuitbreaker.CircuitBreakerState.CLOSED;
import static dev.bulwark.policies.circuitbreaker.CircuitBreakerState.DISABLED;
import static dev.bulwark.policies.circuitbreaker.CircuitBreakerState.FORCED_CLOSED;
import static dev.bulwark.policies.circuitbreaker.CircuitBreakerState.FORCED_OPEN;
import static dev.bulwark.policies.circuitbreaker.CircuitBreakerState.HALF_OPEN;
import static dev.bulwark.policies.circuitbreaker.CircuitBreakerState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTransitionsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock();
    private final List<String> transitions = new ArrayList<>();
    private final CircuitBreaker breaker = CircuitBreaker.create("orders-db",
            CircuitBreakerConfig.builder()
                    .failureRateThreshold(50)
                    .slidingWindowSize(10)
                    .minimumNumberOfCalls(4)
                    .waitDurationInOpenState(WAIT)
                    .permittedNumberOfCallsInHalfOpenState(2)
                    .build(),
            clock,
            (b, from, to) -> transitions.add(from + "->" + to));

    @Test
    void staysClosedBelowMinimumNumberOfCallsEvenWhenEveryCallFails() {
        fail(3);

        assertThat(breaker.state()).isEqualTo(CLOSED);
        assertThat(breaker.metrics().failureRate()).isEqualTo(-1f);
        assertThat(breaker.metrics().failedCalls()).isEqualTo(3);
    }

    @Test
    void opensWhenFailureRateReachesThreshold() {
        succeed(2);
        fail(1);
        assertThat(breaker.state()).isEqualTo(CLOSED);

        fail(1);

        assertThat(breaker.state()).isEqualTo(OPEN);
        assertThat(breaker.metrics().failureRate()).isEqualTo(50f);
        assertThat(transitions).containsExactly("CLOSED->OPEN");
    }

    @Test
    void staysClosedWhileFailureRateIsBelowThreshold() {
        succeed(3);
        fail(2);

        assertThat(breaker.state()).isEqualTo(CLOSED);
        assertThat(breaker.metrics().failureRate()).isEqualTo(40f);
    }

    @Test
    void forgetsOutcomesThatSlideOutOfTheWindow() {
        fail(1);
        succeed(9);
        assertThat(breaker.metrics().failedCalls()).isEqualTo(1);

        succeed(1);

        assertThat(breaker.metrics().failedCalls()).isZero();
        assertThat(breaker.metrics().bufferedCalls()).isEqualTo(10);
        assertThat(breaker.metrics().successfulCalls()).isEqualTo(10);
    }

    @Test
    void rejectsAndCountsCallsWhileOpen() {
        open();

        assertThat(breaker.tryAcquirePermission()).isFalse();
        assertThat(breaker.tryAcquirePermission()).isFalse();

        assertThat(breaker.metrics().notPermittedCalls()).isEqualTo(2);
    }

    @Test
    void keepsRejectingUntilTheWaitInOpenStateHasPassed() {
        open();

        clock.advance(WAIT);

        assertThat(breaker.tryAcquirePermission()).isFalse();
        assertThat(breaker.state()).isEqualTo(OPEN);
    }

    @Test
    void letsPermittedNumberOfTrialCallsThroughOnceTheWaitHasPassed() {
        open();
        clock.advance(WAIT.plusMillis(1));

        assertThat(breaker.tryAcquirePermission()).isTrue();
        assertThat(breaker.state()).isEqualTo(HALF_OPEN);
        assertThat(breaker.tryAcquirePermission()).isTrue();
        assertThat(breaker.tryAcquirePermission()).isFalse();
        assertThat(breaker.metrics().notPermittedCalls()).isEqualTo(1);
    }

    @Test
    void closesWhenTrialCallsSucceed() {
        halfOpen();

        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(HALF_OPEN);
        breaker.onSuccess();

        assertThat(breaker.state()).isEqualTo(CLOSED);
        assertThat(breaker.metrics().bufferedCalls()).isZero();
        assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
    }

    @Test
    void reopensWhenTrialCallsFailAtTheThreshold() {
        halfOpen();

        breaker.onSuccess();
        breaker.onFailure();

        assertThat(breaker.state()).isEqualTo(OPEN);
        assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN");
        assertThat(breaker.tryAcquirePermission()).isFalse();
    }

    @Test
    void forcedOpenRejectsEveryCallWhateverTheClock() {
        breaker.forceOpen();
        clock.advance(WAIT.multipliedBy(100));

        assertThat(breaker.tryAcquirePermission()).isFalse();
        assertThat(breaker.state()).isEqualTo(FORCED_OPEN);
        assertThat(breaker.metrics().notPermittedCalls()).isEqualTo(1);
    }

    @Test
    void forcedClosedPermitsAndRecordsEveryCallButNeverTrips() {
        breaker.forceClose();

        fail(10);

        assertThat(breaker.tryAcquirePermission()).isTrue();
        assertThat(breaker.state()).isEqualTo(FORCED_CLOSED);
        assertThat(breaker.metrics().failedCalls()).isEqualTo(10);
    }

    @Test
    void disabledPermitsEveryCallAndRecordsNothing() {
        breaker.disable();

        fail(10);

        assertThat(breaker.tryAcquirePermission()).isTrue();
        assertThat(breaker.state()).isEqualTo(DISABLED);
        assertThat(breaker.metrics().bufferedCalls()).isZero();
    }

    @Test
    void resetReturnsToAutomaticClosedWithClearedMetrics() {
        open();
        breaker.tryAcquirePermission();

        breaker.reset();

        assertThat(breaker.state()).isEqualTo(CLOSED);
        assertThat(breaker.metrics().bufferedCalls()).isZero();
        assertThat(breaker.metrics().notPermittedCalls()).isZero();
        fail(4);
        assertThat(breaker.state()).isEqualTo(OPEN);
    }

    @Test
    void aNewThresholdAppliesToTheRecordedWindowWithoutAReset() {
        succeed(3);
        fail(2);
        assertThat(breaker.state()).isEqualTo(CLOSED);

        boolean applied = breaker.reconfigure(CircuitBreakerConfig.builder().failureRateThreshold(30)
                .slidingWindowSize(10).minimumNumberOfCalls(4).waitDurationInOpenState(WAIT)
                .permittedNumberOfCallsInHalfOpenState(2).build());
        succeed(1);

        assertThat(applied).isTrue();
        assertThat(breaker.state()).isEqualTo(OPEN);
        assertThat(breaker.metrics().bufferedCalls()).isEqualTo(6);
    }

    @Test
    void aWindowOfAnotherShapeIsNotAppliedInPlace() {
        fail(2);

        boolean applied = breaker.reconfigure(CircuitBreakerConfig.builder().slidingWindowSize(20)
                .minimumNumberOfCalls(4).build());

        assertThat(applied).isFalse();
        assertThat(breaker.config().slidingWindowSize()).isEqualTo(10);
        assertThat(breaker.metrics().failedCalls()).isEqualTo(2);
    }

    @Test
    void capsMinimumNumberOfCallsAtWindowSizeAsResilience4jDoes() {
        CircuitBreakerConfig config = CircuitBreakerConfig.builder()
                .slidingWindowSize(5).minimumNumberOfCalls(50).build();

        assertThat(config.minimumNumberOfCalls()).isEqualTo(5);
    }

    @Test
    void defaultsAreResilience4jDefaults() {
        CircuitBreakerConfig config = CircuitBreakerConfig.defaults();

        assertThat(config.failureRateThreshold()).isEqualTo(50);
        assertThat(config.slidingWindowSize()).isEqualTo(100);
        assertThat(config.minimumNumberOfCalls()).isEqualTo(100);
        assertThat(config.waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.permittedNumberOfCallsInHalfOpenState()).isEqualTo(10);
    }

    private void open() {
        fail(4);
        assertThat(breaker.state()).isEqualTo(OPEN);
    }

    private void halfOpen() {
        open();
        clock.advance(WAIT.plusMillis(1));
        assertThat(breaker.tryAcquirePermission()).isTrue();
        assertThat(breaker.tryAcquirePermission()).isTrue();
    }

    private void fail(int calls) {
        for (int i = 0; i < calls; i++) {
            assertThat(breaker.tryAcquirePermission()).isTrue();
            breaker.onFailure();
        }
    }

    private void succeed(int calls) {
        for (int i = 0; i < calls; i++) {
            assertThat(breaker.tryAcquirePermission()).isTrue();
            breaker.onSuccess();
        }
    }
}
