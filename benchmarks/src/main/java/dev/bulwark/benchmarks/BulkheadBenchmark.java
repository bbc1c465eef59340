package dev.bulwark.benchmarks;

import dev.bulwark.policies.bulkhead.Bulkhead;
import dev.bulwark.policies.bulkhead.BulkheadConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A bulkhead on its own, without the agent: Bulwark's and resilience4j's, taking and giving back a place in one
 * with room (100 places), and refusing a call when full (1 place, held from the start). Run with 1 and 2 threads:
 * what a bulkhead costs is mostly what its shared state costs when threads on different cores call at once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BulkheadBenchmark {
    private final Bulkhead bulwarkWithRoom = bulwark(100);
    private final Bulkhead bulwarkFull = bulwark(1);
    private final io.github.resilience4j.bulkhead.Bulkhead resilience4jWithRoom = resilience4j(100);
    private final io.github.resilience4j.bulkhead.Bulkhead resilience4jFull = resilience4j(1);

    /** Takes the one place of each full bulkhead, for good. */
    @Setup
    public void fill() {
        if (!bulwarkFull.tryAcquirePermission() || !resilience4jFull.tryAcquirePermission()) {
            throw new IllegalStateException("a new bulkhead of one place refused its first call");
        }
    }

    @Benchmark
    public boolean bulwarkTakeAndGiveBack() {
        boolean admitted = bulwarkWithRoom.tryAcquirePermission();
        if (admitted) {
            bulwarkWithRoom.onComplete();
        }
        return admitted;
    }

    @Benchmark
    public boolean resilience4jTakeAndGiveBack() {
        boolean admitted = resilience4jWithRoom.tryAcquirePermission();
        if (admitted) {
            resilience4jWithRoom.onComplete();
        }
        return admitted;
    }

    @Benchmark
    public boolean bulwarkRefusal() {
        return bulwarkFull.tryAcquirePermission();
    }

    @Benchmark
    public boolean resilience4jRefusal() {
        return resilience4jFull.tryAcquirePermission();
    }

    private static Bulkhead bulwark(int places) {
        return Bulkhead.create("bulwark-" + places,
                BulkheadConfig.builder().maxConcurrentCalls(places).maxWaitDuration(Duration.ZERO).build());
    }

    private static io.github.resilience4j.bulkhead.Bulkhead resilience4j(int places) {
        return io.github.resilience4j.bulkhead.Bulkhead.of("resilience4j-" + places,
                io.github.resilience4j.bulkhead.BulkheadConfig.custom()
                        .maxConcurrentCalls(places).maxWaitDuration(Duration.ZERO).build());
    }
}
