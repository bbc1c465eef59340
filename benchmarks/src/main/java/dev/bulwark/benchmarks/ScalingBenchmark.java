package dev.bulwark.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * A guarded call in CLOSED while the policy file holds many other policies: {@code benchmarks/run.sh} runs it with
 * 10, 100 and 1,000 policies, to show that a call's cost does not grow with the size of the policy file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScalingBenchmark {
    private final Inventory inventory = new Inventory();
    private int sku = 42;

    /** The method with no policy: the baseline. */
    @Benchmark
    public int plain() {
        return inventory.lookup(sku);
    }

    /** Bulwark's breaker in CLOSED, among many policies. */
    @Benchmark
    public int bulwarkClosed() {
        return inventory.guardedLookup(sku);
    }
}
