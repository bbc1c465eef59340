package dev.bulwark.runtime.guard;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a policy in {@link Mode#OBSERVE} would have done to calls, had it been enforcing. Kept across reloads
 * with the policy's other state, and published on the MBean of each kind.
 */
public final class Observations {
    private final LongAdder breakerRejections = new LongAdder();
    private final LongAdder rateLimiterRejections = new LongAdder();
    private final LongAdder bulkheadRejections = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();

    /** @return calls the circuit breaker would have rejected */
    public long breakerRejections() {
        return breakerRejections.sum();
    }

    /** @return calls the rate limiter would have rejected */
    public long rateLimiterRejections() {
        return rateLimiterRejections.sum();
    }

    /** @return calls the bulkhead would have rejected; observing never waits, so a call that would have waited counts */
    public long bulkheadRejections() {
        return bulkheadRejections.sum();
    }

    /** @return calls that ran past the deadline they would have been stopped at */
    public long timeouts() {
        return timeouts.sum();
    }

    /** @return failed calls the retry would have tried again */
    public long retries() {
        return retries.sum();
    }

    /** @return failed calls whose outcome the fallback would have replaced */
    public long fallbacks() {
        return fallbacks.sum();
    }

    void breakerWouldReject() {
        breakerRejections.increment();
    }

    void rateLimiterWouldReject() {
        rateLimiterRejections.increment();
    }

    void bulkheadWouldReject() {
        bulkheadRejections.increment();
    }

    void timeoutWouldFire() {
        timeouts.increment();
    }

    void retryWouldHappen() {
        retries.increment();
    }

    void fallbackWouldApply() {
        fallbacks.increment();
    }
}
