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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls that read the gate as open just before a lowered limit closed it, held there by the test pause (surefire
 * sets {@code dev.bulwark.bulkhead.testPauses}), and let go afterwards: what they do must still fit one counter.
 * Four calls in flight at once are more than the Lincheck scenarios hold.
 */
class StripedPermitsInFlightTest {
    private final Map<Thread, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final CountDownLatch held = new CountDownLatch(4);
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void letGo() {
        StripedPermits.afterGateRead = null;
        threads.shutdownNow();
    }

    @Test
    void lateCallsAdmitNoMoreThanTheFreePlacesAReadingAfterTheLoweredLimitShowed() throws Exception {
        StripedPermits permits = new StripedPermits(2, 4);
        permits.tryTake();
        permits.tryTake();
        StripedPermits.afterGateRead = this::holdIfAsked;
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
