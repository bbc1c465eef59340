package dev.bulwark.benchmarks;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Collection;
import java.util.List;

/**
 * Counts, per iteration, how often the benchmark's threads blocked on a monitor or parked (a lock, a wait, a
 * condition). A hot path that takes no lock adds none to what the harness itself does, so the smoke check compares
 * each guarded benchmark's counts with the unguarded baseline's in the same run: counts, never times.
 *
 * <p>Use with {@code -prof dev.bulwark.benchmarks.ContentionProfiler}.
 */
public final class ContentionProfiler implements InternalProfiler {
    private long blockedBefore;
    private long parkedBefore;

    @Override
    public String getDescription() {
        return "monitor blocks and parks of the benchmark threads per iteration";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        long[] counts = workerCounts();
        blockedBefore = counts[0];
        parkedBefore = counts[1];
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                        IterationParams iterationParams, IterationResult result) {
        long[] counts = workerCounts();
        return List.of(
                new ScalarResult("contention.blocked", counts[0] - blockedBefore, "#", AggregationPolicy.MAX),
                new ScalarResult("contention.parked", counts[1] - parkedBefore, "#", AggregationPolicy.MAX));
    }

    /** Blocked and waited counts summed over JMH's worker threads, which run the benchmark method. */
    private static long[] workerCounts() {
        long blocked = 0;
        long parked = 0;
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            if (thread.getThreadName().contains("jmh-worker")) {
                blocked += thread.getBlockedCount();
                parked += thread.getWaitedCount();
            }
        }
        return new long[] {blocked, parked};
    }
}
