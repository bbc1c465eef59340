package dev.bulwark.policies.ratelimiter.internal;

import dev.bulwark.policies.ratelimiter.RateLimiterConfig;
import dev.bulwark.policies.time.NanoClock;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Model-checks the rate limiter's permission accounting with Lincheck: calls that never wait, readings of what
 * is left, and the clock moving one period on, interleaved at every shared-memory access. Every outcome must
 * match some one-at-a-time order: a permission handed out twice, or a period refilled after it was spent,
 * gives an outcome no sequential order explains.
 */
public class AtomicRateLimiterLinearizabilityTest {
    private static final long PERIOD_NANOS = 1_000;

    private final SteppedClock clock = new SteppedClock();
    private final AtomicRateLimiter limiter = new AtomicRateLimiter("lincheck", RateLimiterConfig.builder()
            .limitForPeriod(2).limitRefreshPeriod(Duration.ofNanos(PERIOD_NANOS)).timeoutDuration(Duration.ZERO)
            .build(), clock, new NeverSleeps());

    @Operation
    public boolean acquirePermission() {
        return limiter.acquirePermission();
    }

    @Operation
    public int availablePermissions() {
        return limiter.availablePermissions();
    }

    @Operation
    public void nextPeriod() {
        clock.step();
    }

    @Test
    void permissionAccountingIsLinearizableUnderEveryExploredInterleaving() {
        LinChecker.Companion.check(AtomicRateLimiterLinearizabilityTest.class, new ModelCheckingOptions()
                .iterations(6)
                .invocationsPerIteration(100)
                .threads(3)
                .actorsPerThread(2));
    }

    /** A clock moved a whole period at a time by an operation of the scenario. */
    static final class SteppedClock implements NanoClock {
        private final AtomicLong now = new AtomicLong();

        @Override
        public long nanoTime() {
            return now.get();
        }

        void step() {
            now.addAndGet(PERIOD_NANOS);
        }
    }

    /** With no timeout nothing waits; a call here would be a bug. */
    static final class NeverSleeps implements Sleeper {
        @Override
        public void park(long nanos) {
            throw new AssertionError("a call waited although the timeout is 0");
        }
    }
}
