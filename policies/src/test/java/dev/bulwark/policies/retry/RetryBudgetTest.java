package dev.bulwark.policies.retry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBudgetTest {
    private static final IOException FAILURE = new IOException("down");

    private final ManualClock clock = new ManualClock();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private Retry retryWithBudget(double ratio, int floor) {
        return Retry.create("budgeted", RetryConfig.builder().maxAttempts(100).waitDuration(Duration.ZERO)
                .budget(new RetryBudgetConfig(ratio, floor)).build(), clock);
    }

    private static int grantedOf(Retry retry, int asked) {
        int granted = 0;
        for (int i = 0; i < asked; i++) {
            if (retry.nextAttemptWaitNanos(1, FAILURE) != Retry.NO_RETRY) {
                granted++;
            }
        }
        return granted;
    }

    @Test
    void withoutTrafficGrantsOnlyTheFloorTimesTheWindowInSeconds() {
        Retry retry = retryWithBudget(0.5, 3);

        assertThat(grantedOf(retry, 100)).isEqualTo(30);
        assertThat(retry.metrics().retriesRefusedByBudget()).isEqualTo(70);
        assertThat(retry.metrics().retryAttempts()).isEqualTo(30);
    }

    @Test
    void withTrafficGrantsTheRatioOfFirstAttemptsOnTopOfTheFloor() {
        Retry retry = retryWithBudget(0.2, 1);
        for (int call = 0; call < 100; call++) {
            retry.onCallStarted();
        }

        assertThat(grantedOf(retry, 100)).isEqualTo(20 + 10);
    }

    @Test
    void countsFirstAttemptsFromEverySecondOfTheWindow() {
        Retry retry = retryWithBudget(1.0, 0);
        for (int second = 0; second < 10; second++) {
            retry.onCallStarted();
            clock.advance(Duration.ofMillis(999));
        }

        assertThat(grantedOf(retry, 20)).isEqualTo(10);
    }

    @Test
    void grantsAgainOnceTheRetriesLeaveTheWindow() {
        Retry retry = retryWithBudget(0, 1);
        assertThat(grantedOf(retry, 20)).isEqualTo(10);

        clock.advance(Duration.ofMillis(9_999));
        assertThat(grantedOf(retry, 1)).as("still inside the window").isZero();

        clock.advance(Duration.ofMillis(1));
        assertThat(grantedOf(retry, 20)).isEqualTo(10);
    }

    @Test
    void retriesLeaveTheWindowSecondBySecond() {
        Retry retry = retryWithBudget(0, 1);
        for (int second = 0; second < 10; second++) {
            assertThat(grantedOf(retry, 1)).isEqualTo(1);
            clock.advance(Duration.ofSeconds(1));
        }

        // The retry of second 0 has left; those of seconds 1 to 9 still count.
        assertThat(grantedOf(retry, 5)).isEqualTo(1);
    }

    @Test
    void firstAttemptsLeaveTheWindowAndTakeTheirAllowanceWithThem() {
        Retry retry = retryWithBudget(1.0, 0);
        for (int call = 0; call < 5; call++) {
            retry.onCallStarted();
        }
        clock.advance(Duration.ofSeconds(5));
        assertThat(grantedOf(retry, 10)).isEqualTo(5);

        clock.advance(Duration.ofSeconds(5));
        assertThat(grantedOf(retry, 10)).as("first attempts gone, retries still in").isZero();

        clock.advance(Duration.ofSeconds(20));
        retry.onCallStarted();
        assertThat(grantedOf(retry, 10)).as("a quiet window starts from nothing").isEqualTo(1);
    }

    @Test
    void refusesWhenTheRatioAndTheFloorAreZero() {
        Retry retry = retryWithBudget(0, 0);
        retry.onCallStarted();

        assertThat(retry.nextAttemptWaitNanos(1, FAILURE)).isEqualTo(Retry.NO_RETRY);
        assertThat(retry.metrics().retriesRefusedByBudget()).isEqualTo(1);
    }

    @Test
    void doesNotSpendTheBudgetOnErrorsThatAreNotRetriedAnyway() {
        Retry retry = Retry.create("ignored", RetryConfig.builder().ignoreExceptions("java.io.IOException")
                .budget(new RetryBudgetConfig(0, 1)).build(), clock);

        assertThat(grantedOf(retry, 50)).isZero();
        assertThat(retry.metrics().retriesRefusedByBudget()).isZero();
    }

    @Test
    void twoThreadsTogetherNeverGetMoreRetriesThanTheBound() throws Exception {
        for (int round = 0; round < 200; round++) {
            Retry retry = retryWithBudget(0.5, 5);
            CyclicBarrier together = new CyclicBarrier(2);
            Future<Integer> first = threads.submit(() -> callsThenRetries(retry, together));
            Future<Integer> second = threads.submit(() -> callsThenRetries(retry, together));

            int granted = first.get() + second.get();

            // 2 × 100 first attempts × 0.5 + 5 per second × 10 s.
            assertThat(granted).as("round %d", round).isEqualTo(100 + 50);
            assertThat(retry.metrics().retriesRefusedByBudget()).isEqualTo(2 * 400 - 150);
        }
    }

    private static int callsThenRetries(Retry retry, CyclicBarrier together) throws Exception {
        together.await();
        for (int call = 0; call < 100; call++) {
            retry.onCallStarted();
        }
        together.await();
        return grantedOf(retry, 400);
    }
}
