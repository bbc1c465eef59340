package dev.bulwark.policies.bulkhead.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls held part-way by the test pause (surefire sets {@code dev.bulwark.bulkhead.testPauses}) while others go
 * ahead, then let go: what they do must still fit one counter. These interleavings are too specific, or need too
 * many calls in flight, for the Lincheck scenarios to reach.
 */
class StripedPermitsInFlightTest {
    private final Map<Thread, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final CountDownLatch held = new CountDownLatch(4);
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void letGo() {
        StripedPermits.testPause = null;
        threads.shutdownNow();
    }

    @Test
    void lateCallsAdmitNoMoreThanTheFreePlacesAReadingAfterTheLoweredLimitShowed() throws Exception {
        StripedPermits permits = new StripedPermits(2, 4);
        permits.tryTake();
        permits.tryTake();
        StripedPermits.testPause = where -> {
            if (where == StripedPermits.AFTER_GATE) {
                holdIfAsked();
            }
        };
        CountDownLatch giveBacksGo = new CountDownLatch(1);
        CountDownLatch takesGo = new CountDownLatch(1);
        Future<Boolean> firstGiveBack = heldAtTheGate(permits::giveBack, giveBacksGo);
        Future<Boolean> secondGiveBack = heldAtTheGate(permits::giveBack, giveBacksGo);
        Future<Boolean> firstTake = heldAtTheGate(permits::tryTake, takesGo);
        Future<Boolean> secondTake = heldAtTheGate(permits::tryTake, takesGo);
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(permits.setLimit(1)).isEqualTo(2);
        giveBacksGo.countDown();
        assertThat(firstGiveBack.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(secondGiveBack.get(10, TimeUnit.SECONDS)).isTrue();
        int free = permits.available();
        takesGo.countDown();
        int admitted = (firstTake.get(10, TimeUnit.SECONDS) ? 1 : 0) + (secondTake.get(10, TimeUnit.SECONDS) ? 1 : 0);

        assertThat(free).as("free places with none running and a limit of 1").isEqualTo(1);
        assertThat(admitted).as("calls admitted after a reading showed %d free", free).isEqualTo(1);
        assertThat(permits.giveBack()).isTrue();
        assertThat(permits.giveBack()).as("a second give-back with one call admitted").isFalse();
    }

    @Test
    void aTakeThatFoundEachStripeFullInTurnLooksAgainAndTakesThePlaceFreedBehindIt() throws Exception {
        StripedPermits permits = new StripedPermits(2, 2);
        assertThat(onAThreadWithHome(permits, 0, permits::tryTake)).isTrue();
        CountDownLatch readItsHome = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        boolean[] taken = new boolean[1];
        Thread caller = threadWithHome(permits, 0, () -> taken[0] = permits.tryTake());
        StripedPermits.testPause = pauseOnly(caller, readItsHome, goOn);
        caller.start();
        assertThat(readItsHome.await(10, TimeUnit.SECONDS)).isTrue();

        // Its home stripe was full when it read it; now that place is freed and the other stripe's is taken, so
        // both were never full at once.
        assertThat(onAThreadWithHome(permits, 0, permits::giveBack)).isTrue();
        assertThat(onAThreadWithHome(permits, 1, permits::tryTake)).isTrue();
        goOn.countDown();
        caller.join(10_000);

        assertThat(taken[0]).as("a take while one place was free at every instant").isTrue();
        assertThat(permits.available()).isZero();
    }

    /** Holds {@code thread} once, right after it read stripe 0. */
    private static IntConsumer pauseOnly(Thread thread, CountDownLatch paused, CountDownLatch go) {
        return where -> {
            if (Thread.currentThread() == thread && where == 0 && paused.getCount() > 0) {
                paused.countDown();
                awaitQuietly(go);
            }
        };
    }

    /** @return what {@code call} returned on a new thread whose home stripe is {@code home} */
    private static boolean onAThreadWithHome(StripedPermits permits, int home, BooleanSupplier call) throws Exception {
        boolean[] result = new boolean[1];
        Thread thread = threadWithHome(permits, home, () -> result[0] = call.getAsBoolean());
        thread.start();
        thread.join(10_000);
        return result[0];
    }

    /** Threads get ids as they are made, so making some until one hashes to {@code home} takes a few tries. */
    private static Thread threadWithHome(StripedPermits permits, int home, Runnable task) {
        Thread thread = new Thread(task);
        while (permits.homeOf(thread.getId()) != home) {
            thread = new Thread(task);
        }
        return thread;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Future<Boolean> heldAtTheGate(BooleanSupplier call, CountDownLatch go) {
        return threads.submit(() -> {
            holds.put(Thread.currentThread(), go);
            return call.getAsBoolean();
        });
    }

    private void holdIfAsked() {
        CountDownLatch go = holds.remove(Thread.currentThread());
        if (go != null) {
            held.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
