package dev.bulwark.policies.ratelimiter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterConcurrencyTest {
    private static final int WORKERS = 8;
    private static final int PERIODS = 2_000;
    private static final int LIMIT = 3;
    private static final Duration PERIOD = Duration.ofMillis(100);

    private final ExecutorService threads = Executors.newFixedThreadPool(WORKERS);

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * Workers that never wait hammer the limiter while the test thread moves the clock one period at a time, each
     * time once the period's allowance is spent. Every period then gives exactly its limit: more would mean that
     * two threads took the same permission or an old period was refilled; fewer, that one was lost (the test
     * then times out).
     */
    @Test
    @Timeout(60)
    void manyThreadsTogetherGetExactlyTheLimitOfEveryPeriod() throws Exception {
        ManualClock clock = new ManualClock();
        RateLimiter limiter = RateLimiter.create("hammered", RateLimiterConfig.builder().limitForPeriod(LIMIT)
                .limitRefreshPeriod(PERIOD).timeoutDuration(Duration.ZERO).build(), clock);
        AtomicInteger permitted = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(WORKERS);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(threads.submit(() -> {
                started.countDown();
                while (!stop.get()) {
                    if (limiter.acquirePermission()) {
                        permitted.incrementAndGet();
                    }
                }
            }));
        }
        started.await();

        for (int period = 1; period <= PERIODS; period++) {
            while (permitted.get() < period * LIMIT) {
                Thread.onSpinWait();
            }
            assertThat(permitted.get()).as("after period %d", period).isEqualTo(period * LIMIT);
            if (period < PERIODS) {
                clock.advance(PERIOD);
            }
        }
        stop.set(true);
        for (Future<?> worker : workers) {
            worker.get();
        }

        assertThat(permitted.get()).isEqualTo(PERIODS * LIMIT);
        assertThat(limiter.rejectedCalls()).isPositive();
    }
}
