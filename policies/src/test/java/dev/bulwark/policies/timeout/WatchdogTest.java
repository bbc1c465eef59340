package dev.bulwark.policies.timeout;

import dev.bulwark.policies.timeout.internal.InterruptingWatchdog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

// A broken wake-up would hang a test in park for ever; on another thread the limit can fail it instead.
@org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class WatchdogTest {
    private static final long SHORT = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long LONG = TimeUnit.HOURS.toNanos(1);

    private final InterruptingWatchdog watchdog = new InterruptingWatchdog("test-watchdog");
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void cleanUp() {
        watchdog.stop();
        threads.shutdownNow();
        // A failed test must not leave the next one with an interrupted thread.
        Thread.interrupted();
    }

    private static void parkUntilInterrupted() {
        while (!Thread.currentThread().isInterrupted()) {
            LockSupport.park();
        }
    }

    /** Waits, without consuming an interrupt, until the watchdog has handled every deadline up to now + delay. */
    private void awaitWatchdogPast(long delayNanos) {
        CountDownLatch passed = new CountDownLatch(1);
        watchdog.schedule(delayNanos, passed::countDown);
        while (passed.getCount() > 0) {
            Thread.onSpinWait();
        }
    }

    @Test
    void interruptsAThreadParkedPastItsDeadline() {
        Watchdog.Alarm alarm = watchdog.arm(SHORT);
        parkUntilInterrupted();

        assertThat(alarm.disarm()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).as("the watchdog's interrupt is cleared").isFalse();
    }

    @Test
    void interruptsAThreadSleepingPastItsDeadline() {
        Watchdog.Alarm alarm = watchdog.arm(SHORT);
        boolean interrupted = false;
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException expected) {
            interrupted = true;
        }

        assertThat(interrupted).isTrue();
        assertThat(alarm.disarm()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void interruptsAnotherThreadBlockedTakingFromAnEmptyQueue() throws Exception {
        BlockingQueue<String> empty = new ArrayBlockingQueue<>(1);
        Future<String> call = threads.submit(() -> {
            Watchdog.Alarm alarm = watchdog.arm(SHORT);
            String outcome;
            try {
                outcome = "took " + empty.take();
            } catch (InterruptedException e) {
                outcome = "interrupted";
            }
            return outcome + ", fired " + alarm.disarm() + ", flag " + Thread.currentThread().isInterrupted();
        });

        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("interrupted, fired true, flag false");
    }

    @Test
    void disarmingBeforeTheDeadlineReportsNoTimeoutAndLeavesTheFlagAlone() {
        Watchdog.Alarm alarm = watchdog.arm(LONG);

        assertThat(alarm.disarm()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void disarmingBeforeTheDeadlineKeepsAnInterruptFromSomebodyElse() {
        Watchdog.Alarm alarm = watchdog.arm(LONG);
        Thread.currentThread().interrupt();

        assertThat(alarm.disarm()).isFalse();
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void aThreadInterruptedBeforeArmingKeepsItsFlagWhenTheAlarmFires() {
        Thread.currentThread().interrupt();
        Watchdog.Alarm alarm = watchdog.arm(0);
        awaitWatchdogPast(SHORT);

        assertThat(alarm.disarm()).isTrue();
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void anInnerAlarmThatFiresLeavesTheOuterOneArmed() {
        Watchdog.Alarm outer = watchdog.arm(LONG);
        Watchdog.Alarm inner = watchdog.arm(SHORT);
        parkUntilInterrupted();

        assertThat(inner.disarm()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(outer.disarm()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void anOuterAlarmThatFiresDuringAnInnerCallIsOwedToTheOuterCall() {
        Watchdog.Alarm outer = watchdog.arm(SHORT);
        Watchdog.Alarm inner = watchdog.arm(LONG);
        parkUntilInterrupted();

        assertThat(inner.disarm()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).as("still set for the outer call").isTrue();
        assertThat(outer.disarm()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void whenBothNestedAlarmsFireTheInnerDisarmLeavesTheInterruptForTheOuterCall() {
        Watchdog.Alarm outer = watchdog.arm(0);
        Watchdog.Alarm inner = watchdog.arm(0);
        awaitWatchdogPast(SHORT);

        assertThat(inner.disarm()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(outer.disarm()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aReusedAlarmIsNotFiredOnTheDeadlineOfItsPreviousArming() {
        for (int i = 0; i < 1000; i++) {
            watchdog.arm(SHORT).disarm();
        }
        Watchdog.Alarm alarm = watchdog.arm(LONG);
        awaitWatchdogPast(2 * SHORT);

        assertThat(alarm.disarm()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void theFlagIsNeverLeftSetWhateverTheRaceBetweenFiringAndDisarming() {
        int fired = 0;
        for (int i = 0; i < 20_000; i++) {
            Watchdog.Alarm alarm = watchdog.arm((i % 20) * 1_000L);
            spin((i % 7) * 3_000L);
            if (alarm.disarm()) {
                fired++;
            }
            assertThat(Thread.currentThread().isInterrupted()).as("iteration %d", i).isFalse();
            // No interrupt may land after disarm either: the watchdog must be done with this arming.
            spin((i % 3) * 5_000L);
            assertThat(Thread.currentThread().isInterrupted()).as("iteration %d, later", i).isFalse();
        }
        assertThat(fired).as("some alarms fired, so the race was exercised").isPositive();
    }

    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
    }

    @Test
    void anEarlierDeadlineWakesAWatchdogParkedUntilALaterOne() {
        Watchdog.Alarm outer = watchdog.arm(LONG);
        awaitWatchdogPast(0);

        Watchdog.Alarm inner = watchdog.arm(SHORT);
        parkUntilInterrupted();

        assertThat(inner.disarm()).isTrue();
        assertThat(outer.disarm()).isFalse();
    }

    @Test
    void runsAScheduledActionAfterItsDelay() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        watchdog.schedule(SHORT, ran::countDown);

        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aCancelledActionNeverRuns() throws Exception {
        AtomicBoolean cancelledRan = new AtomicBoolean();
        CountDownLatch later = new CountDownLatch(1);
        Watchdog.Cancellable cancelled = watchdog.schedule(SHORT, () -> cancelledRan.set(true));
        watchdog.schedule(2 * SHORT, later::countDown);

        assertThat(cancelled.cancel()).isTrue();
        assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cancelledRan).isFalse();
        assertThat(cancelled.cancel()).isFalse();
    }

    @Test
    void anActionThatThrowsDoesNotStopTheWatchdog() throws Exception {
        CountDownLatch after = new CountDownLatch(1);
        watchdog.schedule(0, () -> {
            throw new IllegalStateException("boom");
        });
        watchdog.schedule(SHORT, after::countDown);

        assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theSharedWatchdogIsOneDaemonThreadNamedBulwarkWatchdog() {
        Watchdog shared = Watchdog.shared();
        Watchdog.Alarm alarm = shared.arm(SHORT);
        parkUntilInterrupted();
        assertThat(alarm.disarm()).isTrue();

        assertThat(Watchdog.shared()).isSameAs(shared);
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> thread.getName().equals("bulwark-watchdog"))
                .singleElement()
                .satisfies(thread -> assertThat(thread.isDaemon()).isTrue());
    }
}
