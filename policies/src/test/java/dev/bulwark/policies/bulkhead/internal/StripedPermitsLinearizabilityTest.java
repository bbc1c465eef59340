package dev.bulwark.policies.bulkhead.internal;

import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Checks the striped place accounting with Lincheck against {@link OneCounterPermits}, a single counter: small
 * concurrent scenarios of takes, give-backs, limit changes and readings run under many thread interleavings
 * (model checking switches threads at every shared-memory access) and on real threads, and every outcome must
 * match some one-at-a-time order of the same operations on the single counter. Four stripes for a limit of 1 to
 * 3 leave most stripes without a share, so calls take and give back places away from home, and a refusal, a
 * reading and a lowered limit that owes places all happen while other threads are past the gate.
 */
@Param(name = "limit", gen = IntGen.class, conf = "1:3")
public class StripedPermitsLinearizabilityTest {
    private final StripedPermits permits = new StripedPermits(2, 4);

    @Operation
    public boolean tryTake() {
        return permits.tryTake();
    }

    @Operation
    public boolean giveBack() {
        return permits.giveBack();
    }

    @Operation
    public int setLimit(@Param(name = "limit") int limit) {
        return permits.setLimit(limit);
    }

    @Operation
    public int available() {
        return permits.available();
    }

    @Operation
    public int limit() {
        return permits.limit();
    }

    @Test
    void behavesAsOneCounterUnderEveryExploredInterleaving() {
        LinChecker.Companion.check(StripedPermitsLinearizabilityTest.class, new ModelCheckingOptions()
                .sequentialSpecification(OneCounterPermits.class)
                .iterations(10)
                .invocationsPerIteration(100)
                .threads(3)
                .actorsPerThread(3));
    }

    @Test
    void behavesAsOneCounterOnRealThreads() {
        LinChecker.Companion.check(StripedPermitsLinearizabilityTest.class, new StressOptions()
                .sequentialSpecification(OneCounterPermits.class)
                .iterations(20)
                .invocationsPerIteration(1000)
                .threads(3)
                .actorsPerThread(3));
    }
}
