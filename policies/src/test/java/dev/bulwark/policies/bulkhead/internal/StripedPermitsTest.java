package dev.bulwark.policies.bulkhead.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripedPermitsTest {

    @Test
    void oneThreadCanTakeEveryPlaceThoughItsStripeHoldsOnlyAShare() {
        StripedPermits permits = new StripedPermits(5, 4);

        for (int i = 0; i < 5; i++) {
            assertThat(permits.tryTake()).as("take %d", i + 1).isTrue();
        }
        assertThat(permits.tryTake()).isFalse();
        assertThat(permits.available()).isZero();
        for (int i = 0; i < 5; i++) {
            assertThat(permits.giveBack()).as("give back %d", i + 1).isTrue();
        }
        assertThat(permits.giveBack()).as("a surplus give-back").isFalse();
        assertThat(permits.available()).isEqualTo(5);
    }

    @Test
    void aPlaceTakenOnOneThreadCanBeGivenBackOnAnother() throws Exception {
        StripedPermits permits = new StripedPermits(1, 16);
        assertThat(permits.tryTake()).isTrue();

        boolean[] givenBack = new boolean[1];
        Thread other = new Thread(() -> givenBack[0] = permits.giveBack());
        other.start();
        other.join();

        assertThat(givenBack[0]).isTrue();
        assertThat(permits.available()).isEqualTo(1);
        assertThat(permits.tryTake()).isTrue();
    }

    @Test
    void aLimitLoweredBelowTheRunningCallsAdmitsNoneUntilFewerRunThanIt() {
        StripedPermits permits = new StripedPermits(6, 4);
        for (int i = 0; i < 6; i++) {
            permits.tryTake();
        }

        assertThat(permits.setLimit(2)).isEqualTo(6);
        assertThat(permits.limit()).isEqualTo(2);
        for (int running = 6; running > 2; running--) {
            assertThat(permits.tryTake()).as("a take with %d running", running).isFalse();
            assertThat(permits.available()).isZero();
            assertThat(permits.giveBack()).isTrue();
        }
        assertThat(permits.tryTake()).as("a take with 2 running").isFalse();
        permits.giveBack();
        assertThat(permits.available()).isEqualTo(1);
        assertThat(permits.tryTake()).as("a take with 1 running").isTrue();
        assertThat(permits.tryTake()).isFalse();
    }

    @Test
    void raisingTheLimitAgainCancelsThePlacesOwed() {
        StripedPermits permits = new StripedPermits(4, 4);
        for (int i = 0; i < 4; i++) {
            permits.tryTake();
        }
        permits.setLimit(1);

        assertThat(permits.setLimit(6)).isEqualTo(1);

        assertThat(permits.available()).isEqualTo(2);
        assertThat(permits.tryTake()).isTrue();
        assertThat(permits.tryTake()).isTrue();
        assertThat(permits.tryTake()).isFalse();
        for (int i = 0; i < 6; i++) {
            assertThat(permits.giveBack()).isTrue();
        }
        assertThat(permits.available()).isEqualTo(6);
    }

    @Test
    void neverRefusesWhileFewerCallsRunThanTheLimitThoughPlacesComeAndGoOnEveryStripe() throws Exception {
        int threads = 6;
        StripedPermits permits = new StripedPermits(threads, 4);
        AtomicInteger refusals = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                callers.add(pool.submit(() -> {
                    start.await();
                    // Each thread holds at most one place, so one is always free when a thread asks for one.
                    for (int call = 0; call < 200_000; call++) {
                        if (permits.tryTake()) {
                            permits.giveBack();
                        } else {
                            refusals.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> caller : callers) {
                caller.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(refusals.get()).isZero();
        assertThat(permits.available()).isEqualTo(threads);
    }

    @Test
    void stripesAreTwiceTheProcessorsRoundedUpToAPowerOfTwoAndAtMostSixteen() {
        assertThat(StripedPermits.defaultStripes(1)).isEqualTo(2);
        assertThat(StripedPermits.defaultStripes(2)).isEqualTo(4);
        assertThat(StripedPermits.defaultStripes(3)).isEqualTo(8);
        assertThat(StripedPermits.defaultStripes(8)).isEqualTo(16);
        assertThat(StripedPermits.defaultStripes(96)).isEqualTo(16);
    }

    @Test
    void refusesALimitOrAStripeCountItCannotHold() {
        assertThatThrownBy(() -> new StripedPermits(0, 4)).hasMessageContaining("limit must be between 1 and");
        assertThatThrownBy(() -> new StripedPermits(StripedPermits.MAX_LIMIT + 1, 4))
                .hasMessageContaining("limit must be between 1 and");
        assertThatThrownBy(() -> new StripedPermits(4, 3)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new StripedPermits(4, 4).setLimit(0)).hasMessageContaining("was 0");
    }
}
