package dev.bulwark.policies.retry.internal;

import dev.bulwark.policies.retry.RetryConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the wait, checked over many generated settings. Inputs come from a fixed seed, so a failure names
 * the case and reproduces on every run.
 */
class BackoffPropertyTest {
    private static final long SEED = 0x5EED_B0FFL;
    private static final int CASES = 50_000;
    private static final long HOUR_NANOS = Duration.ofHours(1).toNanos();

    @Test
    void everyWaitLiesWithinTheSpreadAroundTheComputedWaitCappedWhenGrowing() {
        SplittableRandom generator = new SplittableRandom(SEED);
        for (int i = 0; i < CASES; i++) {
            Case c = Case.generate(generator);
            long wait = new Backoff(c.config()).waitNanos(c.attemptsMade, c.random);

            double computed = c.waitNanos * Math.pow(c.multiplier, c.attemptsMade - 1);
            double low = computed * (1 - c.factor);
            double high = computed * (1 + c.factor);
            if (c.multiplier > 1) {
                low = Math.min(low, c.maxWaitNanos);
                high = Math.min(high, c.maxWaitNanos);
            }
            // One nanosecond either way for the rounding of a double to whole nanoseconds.
            assertThat((double) wait).as("case %d: %s", i, c).isBetween(Math.floor(low) - 1, Math.ceil(high) + 1);
            assertThat(wait).as("case %d: %s", i, c).isNotNegative();
        }
    }

    @Test
    void aGrowingWaitNeverExceedsItsCap() {
        SplittableRandom generator = new SplittableRandom(SEED + 1);
        for (int i = 0; i < CASES; i++) {
            Case c = Case.generate(generator);
            if (c.multiplier > 1) {
                assertThat(new Backoff(c.config()).waitNanos(c.attemptsMade, c.random)).as("case %d: %s", i, c)
                        .isLessThanOrEqualTo(c.maxWaitNanos);
            }
        }
    }

    @Test
    void fullJitterSpreadsFromZeroToTwiceTheWait() {
        Backoff backoff = new Backoff(RetryConfig.builder().waitDuration(Duration.ofMillis(500)).build());

        assertThat(backoff.waitNanos(1, 0.0)).isZero();
        assertThat(backoff.waitNanos(1, 0.5)).isEqualTo(Duration.ofMillis(500).toNanos());
        assertThat(backoff.waitNanos(1, Math.nextDown(1.0))).isBetween(999_999_999L, 1_000_000_000L);
    }

    @Test
    void randomisesBeforeCappingAsResilience4jDoes() {
        Backoff backoff = new Backoff(RetryConfig.builder().waitDuration(Duration.ofMillis(800))
                .exponentialBackoffMultiplier(2).exponentialMaxWaitDuration(Duration.ofSeconds(1))
                .randomizedWaitFactor(0.5).build());

        // Attempt 2 computes 1600 ms: spread over [800, 2400] ms, then capped, so low draws stay below the cap.
        assertThat(backoff.waitNanos(2, 0.0)).isEqualTo(Duration.ofMillis(800).toNanos());
        assertThat(backoff.waitNanos(2, 0.9)).isEqualTo(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void aVeryLateAttemptOfTheSteepestGrowthStaysAtTheCap() {
        Backoff backoff = new Backoff(RetryConfig.builder().maxAttempts(100).waitDuration(Duration.ofHours(1))
                .exponentialBackoffMultiplier(10).exponentialMaxWaitDuration(Duration.ofHours(1)).build());

        assertThat(backoff.waitNanos(99, 0.0)).isBetween(0L, HOUR_NANOS);
        assertThat(backoff.waitNanos(99, 0.7)).isEqualTo(HOUR_NANOS);
    }

    private record Case(int attemptsMade, double random, double factor, double multiplier, long waitNanos,
                        long maxWaitNanos) {

        static Case generate(SplittableRandom g) {
            int attemptsMade = 1 + g.nextInt(100);
            double random = pick(g, 0.0, Math.nextDown(1.0), g.nextDouble());
            double factor = pick(g, 0.0, 1.0, g.nextDouble());
            double multiplier = pick(g, 1.0, 10.0, 1.0 + 9.0 * g.nextDouble());
            long waitNanos = pick(g, 0L, HOUR_NANOS, g.nextBoolean()
                    ? g.nextLong(HOUR_NANOS + 1) : g.nextLong(Duration.ofSeconds(10).toNanos()));
            long minCap = multiplier > 1 ? Math.max(waitNanos, 1_000_000L) : 1_000_000L;
            long maxWaitNanos = pick(g, minCap, HOUR_NANOS, minCap + g.nextLong(HOUR_NANOS - minCap + 1));
            return new Case(attemptsMade, random, factor, multiplier, waitNanos, maxWaitNanos);
        }

        // Edges come up one time in ten each, as they are where off-by-one mistakes live.
        private static double pick(SplittableRandom g, double low, double high, double any) {
            int roll = g.nextInt(10);
            return roll == 0 ? low : roll == 1 ? high : any;
        }

        private static long pick(SplittableRandom g, long low, long high, long any) {
            int roll = g.nextInt(10);
            return roll == 0 ? low : roll == 1 ? high : any;
        }

        RetryConfig config() {
            return RetryConfig.builder().maxAttempts(100).waitDuration(Duration.ofNanos(waitNanos))
                    .exponentialBackoffMultiplier(multiplier).exponentialMaxWaitDuration(Duration.ofNanos(maxWaitNanos))
                    .randomizedWaitFactor(factor).build();
        }
    }
}
