package dev.bulwark.policies.bulkhead;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class BulkheadTest {
    private static final Duration LONG_WAIT = Duration.ofHours(1);

    private static Bulkhead bulkhead(int limit, Duration wait) {
        return Bulkhead.create("test", BulkheadConfig.builder().maxConcurrentCalls(limit).maxWaitDuration(wait).build());
    }

    @Test
    void admitsUpToTheLimitAndRejectsAtOnceWhenFullWithNoWait() {
        Bulkhead bulkhead = bulkhead(2, Duration.ZERO);

        assertThat(bulkhead.tryAcquirePermission()).isTrue();
        assertThat(bulkhead.tryAcquirePermission()).isTrue();
        assertThat(bulkhead.tryAcquirePermission()).isFalse();
        assertThat(bulkhead.availableConcurrentCalls()).isZero();
    }

    @Test
    void aCompletedCallGivesItsPlaceBack() {
        Bulkhead bulkhead = bulkhead(1, Duration.ZERO);
        bulkhead.tryAcquirePermission();

        bulkhead.onComplete();

        assertThat(bulkhead.availableConcurrentCalls()).isEqualTo(1);
        assertThat(bulkhead.tryAcquirePermission()).isTrue();
    }

    @Test
    void countsEveryRefusal() {
        Bulkhead bulkhead = bulkhead(1, Duration.ZERO);
        bulkhead.tryAcquirePermission();

        bulkhead.tryAcquirePermission();
        bulkhead.tryAcquirePermission();

        assertThat(bulkhead.rejectedCalls()).isEqualTo(2);
    }

    @Test
    void surplusCompletionDoesNotRaiseTheLimit() {
        Bulkhead bulkhead = bulkhead(1, Duration.ZERO);
        bulkhead.tryAcquirePermission();
        bulkhead.onComplete();

        bulkhead.onComplete();

        assertThat(bulkhead.availableConcurrentCalls()).isEqualTo(1);
        assertThat(bulkhead.tryAcquirePermission()).isTrue();
        assertThat(bulkhead.tryAcquirePermission()).isFalse();
    }

    @Test
    void admitsAWaiterWhenAPlaceIsGivenBack() throws Exception {
        Bulkhead bulkhead = bulkhead(1, LONG_WAIT);
        bulkhead.tryAcquirePermission();
        Waiter waiter = Waiter.start(bulkhead);
        waiter.awaitParked();

        bulkhead.onComplete();

        assertThat(waiter.result.get()).isTrue();
        assertThat(bulkhead.rejectedCalls()).isZero();
    }

    @Test
    void refusesAWaiterWhoseWaitRunsOut() {
        Bulkhead bulkhead = bulkhead(1, Duration.ofMillis(1));
        bulkhead.tryAcquirePermission();

        assertThat(bulkhead.tryAcquirePermission()).isFalse();
        assertThat(bulkhead.rejectedCalls()).isEqualTo(1);
    }

    @Test
    void interruptedWaiterIsRefusedAndKeepsItsInterruptFlag() throws Exception {
        Bulkhead bulkhead = bulkhead(1, LONG_WAIT);
        bulkhead.tryAcquirePermission();
        Waiter waiter = Waiter.start(bulkhead);
        waiter.awaitParked();

        waiter.thread.interrupt();

        assertThat(waiter.result.get()).isFalse();
        assertThat(waiter.interruptedAfterwards.get()).isTrue();
        assertThat(bulkhead.rejectedCalls()).isEqualTo(1);
        assertThat(bulkhead.availableConcurrentCalls()).isZero();
    }

    @Test
    void alreadyInterruptedCallerIsRefusedWithoutWaitingWhenFull() {
        Bulkhead bulkhead = bulkhead(1, LONG_WAIT);
        bulkhead.tryAcquirePermission();

        Thread.currentThread().interrupt();
        try {
            assertThat(bulkhead.tryAcquirePermission()).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void raisingTheLimitAdmitsMoreCallsAndWakesAWaiter() throws Exception {
        Bulkhead bulkhead = bulkhead(1, LONG_WAIT);
        bulkhead.tryAcquirePermission();
        Waiter waiter = Waiter.start(bulkhead);
        waiter.awaitParked();

        bulkhead.reconfigure(BulkheadConfig.builder().maxConcurrentCalls(3).maxWaitDuration(Duration.ZERO).build());

        assertThat(waiter.result.get()).isTrue();
        assertThat(bulkhead.maxAllowedConcurrentCalls()).isEqualTo(3);
        assertThat(bulkhead.tryAcquirePermission()).isTrue();
        assertThat(bulkhead.tryAcquirePermission()).isFalse();
    }

    @Test
    void loweringTheLimitLetsRunningCallsFinishButAdmitsNoneUntilBelowTheNewLimit() {
        Bulkhead bulkhead = bulkhead(3, Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            bulkhead.tryAcquirePermission();
        }

        bulkhead.reconfigure(BulkheadConfig.builder().maxConcurrentCalls(1).build());

        assertThat(bulkhead.maxAllowedConcurrentCalls()).isEqualTo(1);
        assertThat(bulkhead.availableConcurrentCalls()).isZero();
        bulkhead.onComplete();
        assertThat(bulkhead.tryAcquirePermission()).as("2 running, limit 1").isFalse();
        bulkhead.onComplete();
        assertThat(bulkhead.tryAcquirePermission()).as("1 running, limit 1").isFalse();
        bulkhead.onComplete();
        assertThat(bulkhead.tryAcquirePermission()).as("none running, limit 1").isTrue();
    }

    @Test
    void reconfigureAppliesTheNewWait() {
        Bulkhead bulkhead = bulkhead(1, LONG_WAIT);
        BulkheadConfig noWait = BulkheadConfig.builder().maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build();

        assertThat(bulkhead.reconfigure(noWait)).isTrue();

        assertThat(bulkhead.config()).isEqualTo(noWait);
        bulkhead.tryAcquirePermission();
        assertThat(bulkhead.tryAcquirePermission()).as("refused without waiting an hour").isFalse();
    }

    @Test
    void takingAndGivingBackAFreePlaceAllocatesNothing() {
        Bulkhead bulkhead = bulkhead(1, Duration.ZERO);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < 20_000; i++) {
            bulkhead.tryAcquirePermission();
            bulkhead.onComplete();
        }

        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            bulkhead.tryAcquirePermission();
            bulkhead.onComplete();
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(allocated).as("bytes allocated by 100,000 admitted and completed calls").isLessThan(1_000);
    }

    /** A thread that asks for a place, and what it got. */
    private static final class Waiter {
        final CompletableFuture<Boolean> result = new CompletableFuture<>();
        final CompletableFuture<Boolean> interruptedAfterwards = new CompletableFuture<>();
        final Thread thread;

        private Waiter(Bulkhead bulkhead) {
            thread = new Thread(() -> {
                result.complete(bulkhead.tryAcquirePermission());
                interruptedAfterwards.complete(Thread.currentThread().isInterrupted());
            }, "waiter");
            thread.setDaemon(true);
        }

        static Waiter start(Bulkhead bulkhead) {
            Waiter waiter = new Waiter(bulkhead);
            waiter.thread.start();
            return waiter;
        }

        /** Returns once the thread is parked with a timeout: the only timed park on its path is the wait. */
        void awaitParked() {
            while (thread.getState() != Thread.State.TIMED_WAITING && !result.isDone()) {
                Thread.onSpinWait();
            }
            assertThat(result).as("still waiting").isNotDone();
        }
    }
}
