package dev.bulwark.policies.circuitbreaker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerConcurrencyTest {
    private static final Duration WAIT = Duration.ofSeconds(1);

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void halfOpenTrialIsDecidedOnEveryOutcomeWhenTrialCallsEndTogether() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        for (int round = 0; round < 50_000; round++) {
            ManualClock clock = new ManualClock();
            CircuitBreaker breaker = CircuitBreaker.create("trial", CircuitBreakerConfig.builder()
                    .slidingWindowSize(2).minimumNumberOfCalls(2).failureRateThreshold(50)
                    .waitDurationInOpenState(WAIT).permittedNumberOfCallsInHalfOpenState(2).build(),
                    clock, CircuitBreaker.StateTransitionListener.NONE);
            breaker.onFailure();
            breaker.onFailure();
            clock.advance(WAIT.plusMillis(1));
            assertThat(breaker.tryAcquirePermission()).isTrue();
            assertThat(breaker.tryAcquirePermission()).isTrue();

            Future<?> success = threads.submit(() -> {
                together.await();
                breaker.onSuccess();
                return null;
            });
            Future<?> failure = threads.submit(() -> {
                together.await();
                breaker.onFailure();
                return null;
            });
            success.get();
            failure.get();

            assertThat(breaker.state()).as("round %d", round).isEqualTo(CircuitBreakerState.OPEN);
        }
    }

    @Test
    void concurrentOutcomesAreAllCountedInTheWindow() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.create("counts", CircuitBreakerConfig.builder()
                .slidingWindowSize(100_000).minimumNumberOfCalls(100_000).build(),
                new ManualClock(), CircuitBreaker.StateTransitionListener.NONE);
        List<Future<?>> workers = new ArrayList<>();
        for (int worker = 0; worker < 4; worker++) {
            boolean fails = worker % 2 == 0;
            workers.add(threads.submit(() -> {
                for (int call = 0; call < 10_000; call++) {
                    if (fails) {
                        breaker.onFailure();
                    } else {
                        breaker.onSuccess();
                    }
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }

        assertThat(breaker.metrics().bufferedCalls()).isEqualTo(40_000);
        assertThat(breaker.metrics().failedCalls()).isEqualTo(20_000);
        assertThat(breaker.state()).isEqualTo(CircuitBreakerState.CLOSED);
    }
}
