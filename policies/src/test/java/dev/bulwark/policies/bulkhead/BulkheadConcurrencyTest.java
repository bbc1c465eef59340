package dev.bulwark.policies.bulkhead;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads hammer one bulkhead while the test changes its limit, and check after every admission that no more
 * calls are inside than the bulkhead promises.
 *
 * <p>Each round starts with nobody inside and the limit at {@code before}; half-way through the round's attempts
 * the limit becomes {@code after}. Two bounds are checked, at each admission, against a count of calls inside
 * that is raised after admission and lowered before completion (so it never exceeds the bulkhead's own count):
 * <ul>
 *   <li>always: at most {@code max(before, after)} inside, the highest limit in force since any of them came in;
 *   <li>for a call that saw the change made before it asked: at most {@code after} inside. Being admitted after
 *       the change means fewer than {@code after} ran then, and from then on no one is admitted unless fewer
 *       than {@code after} run, so the calls from before the change can no longer push the count above it.
 * </ul>
 */
class BulkheadConcurrencyTest {
    private static final int WORKERS = 16;
    private static final int ROUNDS = 90;
    private static final int ATTEMPTS_PER_WORKER_PER_ROUND = 120;
    private static final int[][] LIMIT_CHANGES = {{8, 2}, {2, 8}, {5, 1}, {1, 5}, {3, 3}, {16, 4}};

    private final ExecutorService threads = Executors.newFixedThreadPool(WORKERS);

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void neverAdmitsMoreThanTheLimitsInForceWhileTheLimitChanges() throws Exception {
        runRounds(Duration.ZERO, ROUNDS);
    }

    @Test
    void neverAdmitsMoreThanTheLimitsInForceWhenCallsWaitForAPlace() throws Exception {
        runRounds(Duration.ofMillis(5), ROUNDS / 3);
    }

    private void runRounds(Duration wait, int rounds) throws Exception {
        Bulkhead bulkhead = Bulkhead.create("stress", config(LIMIT_CHANGES[0][0], wait));
        CyclicBarrier roundStart = new CyclicBarrier(WORKERS + 1);
        CyclicBarrier roundEnd = new CyclicBarrier(WORKERS + 1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger admitted = new AtomicInteger();
        AtomicReference<String> firstViolation = new AtomicReference<>();
        int[] bounds = new int[2];
        AtomicBoolean changed = new AtomicBoolean();

        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(threads.submit(() -> {
                for (int round = 0; round < rounds; round++) {
                    roundStart.await();
                    int before = bounds[0];
                    int after = bounds[1];
                    for (int i = 0; i < ATTEMPTS_PER_WORKER_PER_ROUND; i++) {
                        boolean changeSeen = changed.get();
                        attempts.incrementAndGet();
                        if (!bulkhead.tryAcquirePermission()) {
                            continue;
                        }
                        admitted.incrementAndGet();
                        int now = inside.incrementAndGet();
                        int bound = changeSeen ? after : Math.max(before, after);
                        if (now > bound) {
                            firstViolation.compareAndSet(null, "round " + round + ": " + now + " inside, limit "
                                    + before + " -> " + after + (changeSeen ? " (admitted after the change)" : ""));
                        }
                        Thread.yield();
                        inside.decrementAndGet();
                        bulkhead.onComplete();
                    }
                    roundEnd.await();
                }
                return null;
            }));
        }

        for (int round = 0; round < rounds; round++) {
            int[] change = LIMIT_CHANGES[round % LIMIT_CHANGES.length];
            bulkhead.reconfigure(config(change[0], wait));
            bounds[0] = change[0];
            bounds[1] = change[1];
            changed.set(false);
            attempts.set(0);
            roundStart.await();
            while (attempts.get() < WORKERS * ATTEMPTS_PER_WORKER_PER_ROUND / 2) {
                Thread.onSpinWait();
            }
            bulkhead.reconfigure(config(change[1], wait));
            changed.set(true);
            roundEnd.await();
            assertThat(bulkhead.availableConcurrentCalls()).as("round %d ends with nobody inside", round)
                    .isEqualTo(change[1]);
        }
        for (Future<?> worker : workers) {
            worker.get();
        }

        assertThat(firstViolation.get()).isNull();
        assertThat(admitted.get()).as("calls were admitted").isPositive();
    }

    private static BulkheadConfig config(int limit, Duration wait) {
        return BulkheadConfig.builder().maxConcurrentCalls(limit).maxWaitDuration(wait).build();
    }
}
