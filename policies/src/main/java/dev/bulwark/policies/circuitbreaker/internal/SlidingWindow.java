package dev.bulwark.policies.circuitbreaker.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * The recent outcomes a breaker's rates are computed over, and the rule that judges them: resilience4j's, a rate
 * counts only once the minimum number of calls is buffered, and either rate at or above its threshold trips.
 */
abstract class SlidingWindow {
    /** Fewer calls than the minimum: no rate counts yet. */
    static final int BELOW_MINIMUM = 0;
    /** Enough calls, both rates below their thresholds. */
    static final int BELOW_THRESHOLDS = 1;
    /** Enough calls, and the failure rate or the slow-call rate at or above its threshold. */
    static final int ABOVE_THRESHOLDS = 2;

    final int minimumNumberOfCalls;
    private final LongAdder notPermitted = new LongAdder();

    SlidingWindow(int minimumNumberOfCalls) {
        this.minimumNumberOfCalls = minimumNumberOfCalls;
    }

    /** Records one outcome, without judging. */
    abstract void record(boolean failed, boolean slow);

    /** Records one outcome and judges the window as this outcome left it. */
    abstract int recordAndJudge(boolean failed, boolean slow, float failureRateThreshold, float slowCallRateThreshold);

    abstract int bufferedCalls();

    abstract int failedCalls();

    abstract int slowCalls();

    abstract int slowFailedCalls();

    final void recordNotPermitted() {
        notPermitted.increment();
    }

    final long notPermittedCalls() {
        return notPermitted.sum();
    }

    final float failureRate() {
        return rate(failedCalls(), bufferedCalls());
    }

    final float slowCallRate() {
        return rate(slowCalls(), bufferedCalls());
    }

    private float rate(int part, int calls) {
        if (calls == 0 || calls < minimumNumberOfCalls) {
            return -1f;
        }
        return part * 100f / calls;
    }

    /** Same arithmetic as resilience4j (float percentages), so that both trip on the same call. */
    final int judge(long calls, long failed, long slow, float failureRateThreshold, float slowCallRateThreshold) {
        if (calls == 0 || calls < minimumNumberOfCalls) {
            return BELOW_MINIMUM;
        }
        if (failed * 100f / calls >= failureRateThreshold || slow * 100f / calls >= slowCallRateThreshold) {
            return ABOVE_THRESHOLDS;
        }
        return BELOW_THRESHOLDS;
    }
}
