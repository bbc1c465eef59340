package dev.bulwark.policies.timeout;

import dev.bulwark.policies.timeout.internal.InterruptingWatchdog;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TimeoutAllocationTest {
    private static final int CALLS = 100_000;

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void armingAndDisarmingNestedAlarmsAllocatesNothingOnceTheThreadHasArmedAsDeeply() {
        InterruptingWatchdog watchdog = new InterruptingWatchdog("allocation-watchdog");
        try {
            long hour = TimeUnit.HOURS.toNanos(1);
            for (int i = 0; i < CALLS; i++) {
                Watchdog.Alarm outer = watchdog.arm(hour);
                watchdog.arm(hour - i).disarm();
                outer.disarm();
            }

            long before = allocatedBytes();
            for (int i = 0; i < CALLS; i++) {
                Watchdog.Alarm outer = watchdog.arm(hour);
                watchdog.arm(hour - i).disarm();
                outer.disarm();
            }
            long allocated = allocatedBytes() - before;

            assertThat(allocated).isLessThan(1024);
        } finally {
            watchdog.stop();
        }
    }

    @Test
    void readingTheTimeoutAndRecordingLatenciesAllocatesNothingBetweenRecomputations() {
        // With 100,000 samples a recomputation comes every 10,000 records; none falls in the measured stretch.
        Timeout timeout = Timeout.create("adaptive", AdaptiveTimeoutConfig.builder().samples(100_000).build());
        for (int i = 0; i < 1_000; i++) {
            timeout.recordLatency(i);
        }

        long before = allocatedBytes();
        long sum = 0;
        for (int i = 0; i < 5_000; i++) {
            sum += timeout.currentTimeoutNanos();
            timeout.recordLatency(i);
        }
        long allocated = allocatedBytes() - before;

        assertThat(sum).isPositive();
        assertThat(allocated).isLessThan(1024);
    }
}
