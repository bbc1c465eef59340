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
import java.util.concurrent.atomic.AtomicLong;

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

    @Test
    void aFailureAmongConcurrentFastSuccessesInAHealthyFullWindowIsKept() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.create("healthy", CircuitBreakerConfig.builder()
                .slidingWindowSize(100_000).minimumNumberOfCalls(100_000).build(),
                new ManualClock(), CircuitBreaker.StateTransitionListener.NONE);
        for (int call = 0; call < 100_000; call++) {
            breaker.onSuccess(0);
        }
        List<Future<?>> workers = new ArrayList<>();
        CyclicBarrier together = new CyclicBarrier(4);
        for (int worker = 0; worker < 4; worker++) {
            boolean failsOnce = worker == 0;
            workers.add(threads.submit(() -> {
                together.await();
                for (int call = 0; call < 10_000; call++) {
                    if (failsOnce && call == 5_000) {
                        breaker.onFailure(0);
                    } else {
                        breaker.onSuccess(0);
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }

        // Fewer than 100,000 outcomes followed the failure, so it is still in the window.
        assertThat(breaker.metrics().failedCalls()).isEqualTo(1);
        assertThat(breaker.metrics().bufferedCalls()).isEqualTo(100_000);
    }

    @Test
    void outcomesRecordedWhileTheSecondsTickAreNeitherLostNorCountedTwice() throws Exception {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        CircuitBreaker breaker = CircuitBreaker.create("ticking", CircuitBreakerConfig.builder()
                .slidingWindowType(SlidingWindowType.TIME_BASED).slidingWindowSize(3_600)
                .minimumNumberOfCalls(100_000).build(),
                nanos::get, CircuitBreaker.StateTransitionListener.NONE);
        List<Future<?>> workers = recordConcurrently(breaker, () -> nanos.addAndGet(1_000_000L));
        for (Future<?> worker : workers) {
            worker.get();
        }

        // 40,000 calls of 1 ms each move the clock 40 s: every one is still inside the hour.
        assertThat(breaker.metrics().bufferedCalls()).isEqualTo(40_000);
        assertThat(breaker.metrics().failedCalls()).isEqualTo(20_000);
    }

    @Test
    void aTimeWindowThatSlidesWhileCallsLandForgetsThemAllAfterwards() throws Exception {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        CircuitBreaker breaker = CircuitBreaker.create("sliding", CircuitBreakerConfig.builder()
                .slidingWindowType(SlidingWindowType.TIME_BASED).slidingWindowSize(2)
                .minimumNumberOfCalls(100_000).build(),
                nanos::get, CircuitBreaker.StateTransitionListener.NONE);
        List<Future<?>> workers = recordConcurrently(breaker, () -> nanos.addAndGet(1_000_000L));
        for (Future<?> worker : workers) {
            worker.get();
        }

        nanos.addAndGet(3_000_000_000L);

        // Buckets emptied while calls raced them must have taken exactly what they held off the totals.
        assertThat(breaker.metrics().bufferedCalls()).isZero();
        assertThat(breaker.metrics().failedCalls()).isZero();
        assertThat(breaker.metrics().slowCalls()).isZero();
    }

    private List<Future<?>> recordConcurrently(CircuitBreaker breaker, Runnable tick) {
        List<Future<?>> workers = new ArrayList<>();
        CyclicBarrier together = new CyclicBarrier(4);
        for (int worker = 0; worker < 4; worker++) {
            boolean fails = worker % 2 == 0;
            workers.add(threads.submit(() -> {
                together.await();
                for (int call = 0; call < 10_000; call++) {
                    tick.run();
                    if (fails) {
                        breaker.onFailure(0);
                    } else {
                        breaker.onSuccess(0);
                    }
                }
                return null;
            }));
        }
        return workers;
    }
}
