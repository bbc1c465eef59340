package dev.bulwark.policies.bulkhead.internal;

import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.junit.jupiter.api.Test;

/**
 * Model-checks the bulkhead's place accounting with Lincheck: it runs small concurrent scenarios of takes,
 * give-backs and limit changes under many thread interleavings (switching threads at every shared-memory
 * access) and fails unless every outcome matches some one-at-a-time order of the same operations. Accounting
 * that ever let a take succeed with the places of the limit in force all taken would produce an outcome no
 * sequential order explains.
 */
@Param(name = "limit", gen = IntGen.class, conf = "1:3")
public class ConcurrencyPermitsLinearizabilityTest {
    private final ConcurrencyPermits permits = new ConcurrencyPermits(2);

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

    @Test
    void placeAccountingIsLinearizableUnderEveryExploredInterleaving() {
        LinChecker.Companion.check(ConcurrencyPermitsLinearizabilityTest.class, new ModelCheckingOptions()
                .iterations(6)
                .invocationsPerIteration(100)
                .threads(3)
                .actorsPerThread(2));
    }
}
