package dev.bulwark.policies.timeout.internal;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class NearestRankTest {

    @Test
    void agreesWithSortingOnGeneratedSamples() {
        SplittableRandom generator = new SplittableRandom(42);
        for (int i = 0; i < 5_000; i++) {
            int count = 1 + generator.nextInt(300);
            // Few distinct values in some cases: duplicates are where partitioning goes wrong.
            long bound = generator.nextBoolean() ? 5 : 1_000_000_000L;
            long[] values = generator.longs(count + generator.nextInt(3), 0, bound).toArray();
            double percentile = 50 + generator.nextDouble() * 49.9;

            long[] sorted = Arrays.copyOf(values, count);
            Arrays.sort(sorted);
            int rank = BigDecimal.valueOf(percentile).multiply(BigDecimal.valueOf(count))
                    .divide(BigDecimal.valueOf(100)).setScale(0, RoundingMode.CEILING).intValueExact();
            long expected = sorted[rank - 1];

            assertThat(NearestRank.of(values, count, percentile)).as("case %d", i).isEqualTo(expected);
        }
    }

    @Test
    void handlesSortedReversedAndConstantSamples() {
        long[] ascending = new long[1000];
        long[] descending = new long[1000];
        long[] constant = new long[1000];
        for (int i = 0; i < 1000; i++) {
            ascending[i] = i + 1;
            descending[i] = 1000 - i;
            constant[i] = 7;
        }

        assertThat(NearestRank.of(ascending, 1000, 95)).isEqualTo(950);
        assertThat(NearestRank.of(descending, 1000, 99.9)).isEqualTo(999);
        assertThat(NearestRank.of(constant, 1000, 50)).isEqualTo(7);
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        assertThat(NearestRank.of(new long[] {12}, 1, 99.9)).isEqualTo(12);
    }
}
