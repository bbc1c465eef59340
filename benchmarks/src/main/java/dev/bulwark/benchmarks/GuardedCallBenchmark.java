package dev.bulwark.benchmarks;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The cost of one call: plain, guarded by Bulwark in each state, and decorated by resilience4j's breaker with its
 * two window strategies, all in the same JVM run. Must run under the agent with {@code benchmarks/policies.json}
 * and {@code reload=false}; {@code benchmarks/run.sh} does that.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GuardedCallBenchmark {
    private final Inventory inventory = new Inventory();
    private Supplier<Integer> resilience4jSynchronized;
    private Supplier<Integer> resilience4jLockFree;
    private int sku = 42;

    /** Forces and disables the breakers the benchmarks expect, and checks that they took. */
    @Setup
    public void putPoliciesInState() throws Exception {
        AgentControl.invoke("forced-open-with-trace", "forceOpen");
        AgentControl.invoke("forced-open", "forceOpen");
        AgentControl.invoke("disabled", "disable");
        AgentControl.removeByReload("removed");
        inventory.down = true;
        for (int call = 0; call < 5; call++) {
            try {
                inventory.trippedLookup(sku);
            } catch (IllegalStateException expected) {
                // Five failures out of five calls open the breaker.
            }
        }
        if (!AgentControl.state("closed").equals("CLOSED") || !AgentControl.state("forced-open").equals("FORCED_OPEN")
                || !AgentControl.state("open").equals("OPEN")) {
            throw new IllegalStateException("the agent's breakers are not in the states the benchmarks measure");
        }
        resilience4jSynchronized = decorate(SlidingWindowSynchronizationStrategy.SYNCHRONIZED);
        resilience4jLockFree = decorate(SlidingWindowSynchronizationStrategy.LOCK_FREE);
    }

    /** As a resilience4j user writes it: the decorated supplier is built once; it boxes the int it returns. */
    private Supplier<Integer> decorate(SlidingWindowSynchronizationStrategy strategy) {
        CircuitBreaker breaker = CircuitBreaker.of("resilience4j-" + strategy, CircuitBreakerConfig.custom()
                .slidingWindow(100, 100, SlidingWindowType.COUNT_BASED, strategy)
                .build());
        return CircuitBreaker.decorateSupplier(breaker, () -> inventory.lookup(sku));
    }

    /** The method with no policy: the baseline. */
    @Benchmark
    public int plain() {
        return inventory.lookup(sku);
    }

    /** Bulwark's breaker in CLOSED: the everyday cost. */
    @Benchmark
    public int bulwarkClosed() {
        return inventory.guardedLookup(sku);
    }

    /** The full pipeline configured, none of it triggered: breaker, timeout, bulkhead and retry. */
    @Benchmark
    public int bulwarkFullPipeline() {
        return inventory.pipelineLookup(sku);
    }

    /** resilience4j 2.4.0's breaker with its default, synchronized window. */
    @Benchmark
    public int resilience4jSynchronizedWindow() {
        return resilience4jSynchronized.get();
    }

    /** resilience4j 2.4.0's breaker with its lock-free window. */
    @Benchmark
    public int resilience4jLockFreeWindow() {
        return resilience4jLockFree.get();
    }

    /** A rejection in FORCED_OPEN thrown as the application's own exception, stack trace included. */
    @Benchmark
    public Object bulwarkRejectedWithStackTrace() {
        try {
            return inventory.rejectedWithTrace(sku);
        } catch (Exception rejected) {
            return rejected;
        }
    }

    /** A rejection in FORCED_OPEN thrown as Bulwark's unchecked exception, without a stack trace. */
    @Benchmark
    public Object bulwarkRejectedWithoutStackTrace() {
        try {
            return inventory.rejectedWithoutTrace(sku);
        } catch (RuntimeException rejected) {
            return rejected;
        }
    }

    /** A call rejected by a breaker that opened on failures, thrown as Bulwark's unchecked exception. */
    @Benchmark
    public Object bulwarkRejectedWhileOpen() {
        try {
            return inventory.trippedLookup(sku);
        } catch (RuntimeException rejected) {
            return rejected;
        }
    }

    /** A breaker in DISABLED. */
    @Benchmark
    public int bulwarkDisabled() {
        return inventory.disabledLookup(sku);
    }

    /** A method whose policy a reload removed: its class was retransformed without the advice. */
    @Benchmark
    public int bulwarkPolicyRemovedByReload() {
        return inventory.removedLookup(sku);
    }
}
