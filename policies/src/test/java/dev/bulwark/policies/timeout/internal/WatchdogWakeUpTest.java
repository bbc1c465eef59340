package dev.bulwark.policies.timeout.internal;

import dev.bulwark.policies.timeout.Watchdog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls that arm and disarm one after another must not wake the watchdog each time: a wake-up costs the caller an
 * unpark and the watchdog a scan of every thread's alarms. Between two guarded calls no alarm is armed, so a
 * watchdog that planned only by the alarms it finds armed would go back to sleep for ever, and the next call would
 * have to wake it.
 */
@org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class WatchdogWakeUpTest {
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    private final InterruptingWatchdog watchdog = new InterruptingWatchdog("test-watchdog");

    @AfterEach
    void stop() {
        watchdog.stop();
    }

    @Test
    void afterACallEndsTheWatchdogPlansToWakeByItsDeadlineSoTheNextCallNeedNotWakeIt() {
        long firstCall = System.nanoTime();
        watchdog.arm(HOUR).disarm();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> watchdog.plannedWakeUp() - firstCall <= HOUR + TimeUnit.MINUTES.toNanos(1));
        long plan = watchdog.plannedWakeUp();

        watchdog.arm(HOUR).disarm();

        assertThat(watchdog.plannedWakeUp()).as("the plan, unchanged: the second call did not wake the watchdog")
                .isEqualTo(plan);
    }

    @Test
    void anEarlierDeadlineStillWakesTheWatchdog() {
        watchdog.arm(HOUR).disarm();
        await().atMost(Duration.ofSeconds(5)).until(() -> watchdog.plannedWakeUp() - System.nanoTime() <= HOUR);

        Watchdog.Alarm alarm = watchdog.arm(0);
        while (!Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
        }

        assertThat(alarm.disarm()).as("fired").isTrue();
    }
}
