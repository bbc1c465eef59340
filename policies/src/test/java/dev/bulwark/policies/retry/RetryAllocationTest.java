package dev.bulwark.policies.retry;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAllocationTest {
    private static final int CALLS = 100_000;

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void aCallThatSucceedsAtItsFirstAttemptAllocatesNothing() {
        Retry retry = Retry.create("hot", RetryConfig.defaults(), new ManualClock());
        for (int i = 0; i < CALLS; i++) {
            retry.onCallStarted();
            retry.onCallFinished(1, true);
        }

        long before = allocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            retry.onCallStarted();
            retry.onCallFinished(1, true);
        }
        long allocated = allocatedBytes() - before;

        // A few bytes of slack for the measurement itself; one allocation per call would be 1.6 MB or more.
        assertThat(allocated).isLessThan(1024);
    }

    @Test
    void decidingOnARetryAllocatesNothing() {
        ManualClock clock = new ManualClock();
        Retry retry = Retry.create("retrying", RetryConfig.builder().maxAttempts(100)
                .budget(new RetryBudgetConfig(10, 1_000_000)).build(), clock);
        RuntimeException failure = new IllegalStateException("down");
        for (int i = 0; i < CALLS; i++) {
            retry.nextAttemptWaitNanos(1 + i % 5, failure);
        }
        clock.advance(Duration.ofSeconds(20));

        long before = allocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            retry.onCallStarted();
            retry.nextAttemptWaitNanos(1 + i % 5, failure);
            retry.onCallFinished(2, false);
        }
        long allocated = allocatedBytes() - before;

        assertThat(allocated).isLessThan(1024);
    }
}
