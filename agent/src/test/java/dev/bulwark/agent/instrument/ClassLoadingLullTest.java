package dev.bulwark.agent.instrument;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ClassLoadingLullTest {

    @Test
    void runsTheActionOnlyOnceTheCountHasStoppedGrowingForTwoPolls() throws InterruptedException {
        AtomicInteger polls = new AtomicInteger();
        AtomicInteger pollsWhenRun = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);
        // Classes load during the first three polls, then none.
        ClassLoadingLull.whenQuiet(() -> Math.min(polls.incrementAndGet(), 3), () -> {
            pollsWhenRun.set(polls.get());
            ran.countDown();
        });

        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pollsWhenRun).hasValue(5);
    }
}
