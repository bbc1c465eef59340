package dev.bulwark.policies.circuitbreaker;

import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import static dev.bulwark.policies.circuitbreaker.CircuitBreakerState.CLOSED;
import static dev.bulwark.policies.circuitbreaker.CircuitBreakerState.HALF_OPEN;
import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerErrorClassificationTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ManualClock clock = new ManualClock();

    @Test
    void everyErrorIsAFailureWhenNoRecordListIsGiven() {
        CircuitBreaker breaker = breaker(List.of(), List.of());

        breaker.onError(0, new IllegalStateException());

        assertThat(breaker.metrics().failedCalls()).isEqualTo(1);
    }

    @Test
    void anErrorOfAListedClassOrItsSubclassIsAFailure() {
        CircuitBreaker breaker = breaker(List.of("java.io.IOException"), List.of());

        breaker.onError(0, new IOException());
        breaker.onError(0, new FileNotFoundException());

        assertThat(breaker.metrics().failedCalls()).isEqualTo(2);
    }

    @Test
    void anErrorNotRecordedCountsAsASuccessAsInResilience4j() {
        CircuitBreaker breaker = breaker(List.of("java.io.IOException"), List.of());

        breaker.onError(0, new IllegalStateException());

        assertThat(breaker.metrics().bufferedCalls()).isEqualTo(1);
        assertThat(breaker.metrics().successfulCalls()).isEqualTo(1);
    }

    @Test
    void anErrorIsMatchedByTheInterfacesItImplements() {
        CircuitBreaker breaker = breaker(List.of(Marked.class.getName()), List.of());

        breaker.onError(0, new MarkedError());

        assertThat(breaker.metrics().failedCalls()).isEqualTo(1);
    }

    @Test
    void anIgnoredErrorCountsAsNothing() {
        CircuitBreaker breaker = breaker(List.of(), List.of("java.lang.IllegalArgumentException"));

        breaker.onError(0, new NumberFormatException());

        assertThat(breaker.metrics().bufferedCalls()).isZero();
    }

    @Test
    void ignoredWinsOverRecorded() {
        CircuitBreaker breaker = breaker(List.of("java.io.IOException"), List.of("java.io.FileNotFoundException"));

        breaker.onError(0, new FileNotFoundException());
        breaker.onError(0, new IOException());

        assertThat(breaker.metrics().bufferedCalls()).isEqualTo(1);
        assertThat(breaker.metrics().failedCalls()).isEqualTo(1);
    }

    @Test
    void anIgnoredErrorGivesItsTrialPermissionBack() {
        CircuitBreaker breaker = breaker(List.of(), List.of("java.lang.IllegalArgumentException"));
        tripAndWait(breaker);
        assertThat(breaker.tryAcquirePermission()).isTrue();
        assertThat(breaker.tryAcquirePermission()).isFalse();

        breaker.onError(0, new IllegalArgumentException());

        assertThat(breaker.state()).isEqualTo(HALF_OPEN);
        assertThat(breaker.tryAcquirePermission()).isTrue();
    }

    @Test
    void aReleasedPermissionIsGivenBackAndRecordsNothing() {
        CircuitBreaker breaker = breaker(List.of(), List.of());
        tripAndWait(breaker);
        assertThat(breaker.tryAcquirePermission()).isTrue();

        breaker.releasePermission();

        assertThat(breaker.metrics().bufferedCalls()).isZero();
        assertThat(breaker.tryAcquirePermission()).isTrue();
        breaker.onSuccess(0);
        assertThat(breaker.state()).isEqualTo(CLOSED);
    }

    @Test
    void aWrappedErrorIsJudgedByItsCause() {
        CircuitBreaker breaker = breaker(List.of("java.io.IOException"), List.of());

        breaker.onError(0, new CompletionException(new IOException()));
        breaker.onError(0, new UncheckedIOException(new IOException()));

        assertThat(breaker.metrics().failedCalls()).isEqualTo(1);
        assertThat(breaker.metrics().successfulCalls()).isEqualTo(1);
    }

    @Test
    void onFailureIsAFailureWhateverTheLists() {
        CircuitBreaker breaker = breaker(List.of("java.io.IOException"), List.of("java.lang.Throwable"));

        breaker.onFailure(0);

        assertThat(breaker.metrics().failedCalls()).isEqualTo(1);
    }

    @Test
    void reconfiguredListsApplyToTheNextError() {
        CircuitBreaker breaker = breaker(List.of(), List.of());

        breaker.reconfigure(breaker.config().toBuilder().ignoreExceptions(List.of("java.lang.RuntimeException")).build());
        breaker.onError(0, new IllegalStateException());

        assertThat(breaker.metrics().bufferedCalls()).isZero();
    }

    private CircuitBreaker breaker(List<String> recorded, List<String> ignored) {
        return CircuitBreaker.create("payments", CircuitBreakerConfig.builder()
                        .slidingWindowSize(10).minimumNumberOfCalls(10).waitDurationInOpenState(WAIT)
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .recordExceptions(recorded).ignoreExceptions(ignored).build(),
                clock, CircuitBreaker.StateTransitionListener.NONE);
    }

    private void tripAndWait(CircuitBreaker breaker) {
        breaker.forceOpen();
        breaker.reset();
        for (int i = 0; i < 10; i++) {
            breaker.onFailure(0);
        }
        clock.advance(WAIT.plusMillis(1));
    }

    interface Marked {
    }

    static final class MarkedError extends RuntimeException implements Marked {
    }
}
