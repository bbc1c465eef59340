package dev.bulwark.policies.retry;

import dev.bulwark.policies.retry.internal.BudgetedRetry;
import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryDecisionsTest {
    private static final IOException FAILURE = new IOException("down");
    private final ManualClock clock = new ManualClock();

    private static RetryConfig.Builder withoutJitter() {
        return RetryConfig.builder().randomizedWaitFactor(0)
                .budget(RetryBudgetConfig.builder().minRetriesPerSecond(1000).build());
    }

    private static List<Long> waitsInMillis(Retry retry, int failures) {
        List<Long> waits = new ArrayList<>();
        for (int attempts = 1; attempts <= failures; attempts++) {
            long wait = retry.nextAttemptWaitNanos(attempts, FAILURE);
            waits.add(wait == Retry.NO_RETRY ? wait : Duration.ofNanos(wait).toMillis());
        }
        return waits;
    }

    @Test
    void waitsTheSameBeforeEveryRetryWhenTheMultiplierIsOne() {
        Retry retry = Retry.create("constant", withoutJitter().maxAttempts(4).waitDuration(Duration.ofMillis(200))
                .build(), clock);

        assertThat(waitsInMillis(retry, 4)).containsExactly(200L, 200L, 200L, Retry.NO_RETRY);
    }

    @Test
    void multipliesTheWaitBeforeEachFurtherRetry() {
        Retry retry = Retry.create("exponential", withoutJitter().maxAttempts(5)
                .waitDuration(Duration.ofMillis(100)).exponentialBackoffMultiplier(2).build(), clock);

        assertThat(waitsInMillis(retry, 5)).containsExactly(100L, 200L, 400L, 800L, Retry.NO_RETRY);
    }

    @Test
    void capsAGrowingWaitAtTheMaximumWait() {
        Retry retry = Retry.create("capped", withoutJitter().maxAttempts(6).waitDuration(Duration.ofMillis(100))
                .exponentialBackoffMultiplier(3).exponentialMaxWaitDuration(Duration.ofMillis(1000)).build(), clock);

        assertThat(waitsInMillis(retry, 6)).containsExactly(100L, 300L, 900L, 1000L, 1000L, Retry.NO_RETRY);
    }

    @Test
    void neverRetriesWhenOneAttemptIsAllowed() {
        Retry retry = Retry.create("once", withoutJitter().maxAttempts(1).build(), clock);

        assertThat(retry.nextAttemptWaitNanos(1, FAILURE)).isEqualTo(Retry.NO_RETRY);
        assertThat(retry.metrics().retryAttempts()).isZero();
    }

    @Test
    void drawsTheWaitFromTheInjectedRandomNumbers() {
        double[] draws = {0.0, 0.5, 0.999_999};
        int[] next = {0};
        Retry retry = new BudgetedRetry("jitter", RetryConfig.builder().maxAttempts(4)
                .waitDuration(Duration.ofMillis(100)).randomizedWaitFactor(0.5).build(), clock,
                () -> draws[next[0]++]);

        assertThat(waitsInMillis(retry, 3)).containsExactly(50L, 100L, 149L);
    }

    @Test
    void retriesEveryErrorAndEveryFailedResultWhenNoRetryListIsGiven() {
        Retry retry = Retry.create("all", withoutJitter().build(), clock);

        assertThat(retry.nextAttemptWaitNanos(1, new IllegalStateException())).isNotEqualTo(Retry.NO_RETRY);
        assertThat(retry.nextAttemptWaitNanos(1, new OutOfMemoryError())).isNotEqualTo(Retry.NO_RETRY);
        assertThat(retry.nextAttemptWaitNanos(1, null)).isNotEqualTo(Retry.NO_RETRY);
    }

    @Test
    void retriesListedErrorsAndTheirSubclassesOnly() {
        Retry retry = Retry.create("io", withoutJitter().retryExceptions("java.io.IOException").build(), clock);

        assertThat(retry.nextAttemptWaitNanos(1, new IOException())).isNotEqualTo(Retry.NO_RETRY);
        assertThat(retry.nextAttemptWaitNanos(1, new SocketTimeoutException())).isNotEqualTo(Retry.NO_RETRY);
        assertThat(retry.nextAttemptWaitNanos(1, new UncheckedIOException(new IOException())))
                .isEqualTo(Retry.NO_RETRY);
    }

    @Test
    void neverRetriesAnIgnoredErrorEvenWhenItsSuperclassIsListedForRetry() {
        Retry retry = Retry.create("ignore", withoutJitter().retryExceptions("java.io.IOException")
                .ignoreExceptions("java.io.FileNotFoundException").build(), clock);

        assertThat(retry.nextAttemptWaitNanos(1, new FileNotFoundException())).isEqualTo(Retry.NO_RETRY);
        assertThat(retry.nextAttemptWaitNanos(1, new IOException())).isNotEqualTo(Retry.NO_RETRY);
    }

    @Test
    void retriesAFailedResultEvenWhenOnlyCertainErrorsAreListed() {
        Retry retry = Retry.create("result", withoutJitter().retryExceptions("java.io.IOException").build(), clock);

        assertThat(retry.nextAttemptWaitNanos(1, null)).isNotEqualTo(Retry.NO_RETRY);
    }

    @Test
    void namesAClassThatIsNotLoadedWithoutFailing() {
        Retry retry = Retry.create("unknown", withoutJitter().retryExceptions("com.example.NotOnTheClassPath")
                .build(), clock);

        assertThat(retry.nextAttemptWaitNanos(1, new IOException())).isEqualTo(Retry.NO_RETRY);
    }

    @Test
    void countsCallsByOutcomeAndWhetherTheyWereRetried() {
        Retry retry = Retry.create("metrics", withoutJitter().build(), clock);

        retry.onCallFinished(1, true);
        retry.onCallFinished(2, true);
        retry.onCallFinished(2, true);
        retry.onCallFinished(1, false);
        retry.onCallFinished(3, false);
        retry.nextAttemptWaitNanos(1, FAILURE);

        RetryMetrics metrics = retry.metrics();
        assertThat(metrics.successfulCallsWithoutRetryAttempt()).isEqualTo(1);
        assertThat(metrics.successfulCallsWithRetryAttempt()).isEqualTo(2);
        assertThat(metrics.failedCallsWithoutRetryAttempt()).isEqualTo(1);
        assertThat(metrics.failedCallsWithRetryAttempt()).isEqualTo(1);
        assertThat(metrics.retryAttempts()).isEqualTo(1);
    }

    @Test
    void reconfigurationChangesDecisionsFromTheNextOneOn() {
        Retry retry = Retry.create("reconfigured", withoutJitter().maxAttempts(2).build(), clock);
        assertThat(retry.nextAttemptWaitNanos(2, FAILURE)).isEqualTo(Retry.NO_RETRY);

        assertThat(retry.reconfigure(withoutJitter().maxAttempts(3).waitDuration(Duration.ofMillis(7)).build()))
                .isTrue();

        assertThat(retry.nextAttemptWaitNanos(2, FAILURE)).isEqualTo(Duration.ofMillis(7).toNanos());
        assertThat(retry.config().maxAttempts()).isEqualTo(3);
    }
}
