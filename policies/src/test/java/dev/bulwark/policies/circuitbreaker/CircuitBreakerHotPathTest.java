package dev.bulwark.policies.circuitbreaker;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerHotPathTest {
    private static final int SIZE = 10;

    private final CircuitBreaker breaker = CircuitBreaker.create("catalog", CircuitBreakerConfig.builder()
                    .slidingWindowSize(SIZE).minimumNumberOfCalls(SIZE)
                    .slowCallDurationThreshold(Duration.ofMillis(100))
                    .recordExceptions(List.of("java.io.IOException"))
                    .ignoreExceptions(List.of("java.lang.IllegalArgumentException")).build(),
            new ManualClock(), CircuitBreaker.StateTransitionListener.NONE);

    @Test
    void aFailureAfterAHealthyFullWindowLeavesItAfterExactlySizeLaterCalls() {
        succeed(SIZE + 25);
        breaker.onFailure(0);

        succeed(SIZE - 1);
        assertThat(breaker.metrics().failedCalls()).isEqualTo(1);
        succeed(1);

        assertThat(breaker.metrics().failedCalls()).isZero();
        assertThat(breaker.metrics().bufferedCalls()).isEqualTo(SIZE);
    }

    @Test
    void aSlowSuccessAfterAHealthyFullWindowIsRecorded() {
        succeed(SIZE + 3);

        breaker.onSuccess(Duration.ofMillis(101).toNanos());

        assertThat(breaker.metrics().slowCalls()).isEqualTo(1);
        assertThat(breaker.metrics().successfulCalls()).isEqualTo(SIZE);
    }

    @Test
    void aHealthyFullWindowReportsItsCallsHonestly() {
        succeed(SIZE * 5);

        assertThat(breaker.metrics().bufferedCalls()).isEqualTo(SIZE);
        assertThat(breaker.metrics().successfulCalls()).isEqualTo(SIZE);
        assertThat(breaker.metrics().failureRate()).isZero();
        assertThat(breaker.metrics().slowCallRate()).isZero();
    }

    @Test
    void aClosedBreakerAllocatesNothingPerCall() {
        IllegalStateException notRecorded = new IllegalStateException();
        IllegalArgumentException ignored = new IllegalArgumentException();
        Runnable calls = () -> {
            for (int i = 0; i < 100_000; i++) {
                breaker.tryAcquirePermission();
                breaker.onSuccess(1_000);
                breaker.tryAcquirePermission();
                breaker.onError(2_000, notRecorded);
                breaker.tryAcquirePermission();
                breaker.onError(3_000, ignored);
                if (i % 100 == 0) {
                    breaker.tryAcquirePermission();
                    breaker.onFailure(4_000);
                }
            }
        };
        calls.run();

        long before = allocatedBytes();
        calls.run();
        long allocated = allocatedBytes() - before;

        // 300,000 outcomes: a single object per call would be megabytes.
        assertThat(allocated).isLessThan(10_000);
        assertThat(breaker.state()).isEqualTo(CircuitBreakerState.CLOSED);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private void succeed(int calls) {
        for (int i = 0; i < calls; i++) {
            breaker.tryAcquirePermission();
            breaker.onSuccess(0);
        }
    }
}
