package dev.bulwark.policies.timeout.internal;

/**
 * The nearest-rank percentile of an array, found by selection rather than sorting: linear time on average, so
 * that a recomputation every tenth of the samples costs each recorded latency a constant, not a logarithm.
 */
final class NearestRank {

    private NearestRank() {
    }

    /**
     * Reorders {@code values[0, count)} and returns the smallest value at or below which {@code percentile} % of
     * them lie.
     *
     * @param values the samples; reordered in place
     * @param count how many of them count, at least 1
     * @param percentile 0 (exclusive) to 100
     */
    static long of(long[] values, int count, double percentile) {
        // The nudge keeps 99.9 % of 1000 at rank 999: in binary 99.9 is a hair above itself, and ceil would round
        // that hair up to a whole rank.
        int rank = (int) Math.ceil(percentile / 100.0 * count - 1e-9);
        return select(values, count, Math.max(0, Math.min(count, rank) - 1));
    }

    // Hoare's quickselect with a median-of-three pivot, which keeps sorted and constant inputs (common for
    // latencies) linear.
    private static long select(long[] a, int count, int k) {
        int lo = 0;
        int hi = count - 1;
        while (hi > lo) {
            long pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long swapped = a[i];
                    a[i++] = a[j];
                    a[j--] = swapped;
                }
            }
            // Now a[lo..j] <= pivot <= a[i..hi], and anything between i and j equals the pivot.
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static long medianOfThree(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
