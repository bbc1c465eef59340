package dev.bulwark.policies.ratelimiter;

import dev.bulwark.policies.ratelimiter.internal.AtomicRateLimiter;
import dev.bulwark.policies.time.NanoClock;

/**
 * A rate limiter: it lets at most {@link RateLimiterConfig#limitForPeriod()} calls start in each period of
 * {@link RateLimiterConfig#limitRefreshPeriod()}, so that a caller cannot overrun a dependency's quota.
 *
 * <p>Periods follow one another from the limiter's creation. A call takes a permission of the current period
 * without a lock or an allocation; when none is left it may reserve one of a coming period and wait for it.
 */
public interface RateLimiter {

    /**
     * Creates a limiter whose first period starts now, with its full allowance.
     *
     * @param name what operators know it by
     * @param config its settings
     * @param clock the clock periods and waits are measured on
     */
    static RateLimiter create(String name, RateLimiterConfig config, NanoClock clock) {
        return new AtomicRateLimiter(name, config, clock);
    }

    /** @return the name operators know this limiter by */
    String name();

    /** @return the settings this limiter runs with */
    RateLimiterConfig config();

    /**
     * Asks to start a call. Takes a permission of the current period if one is left. Otherwise, if the first
     * permission not yet promised begins within {@link RateLimiterConfig#timeoutDuration()}, reserves it and
     * parks until its period starts; if not, refuses at once. A thread interrupted while it waits stops waiting,
     * gives its reservation back (the next caller can take it), keeps its interrupt flag and is refused.
     *
     * @return whether the call may start
     */
    boolean acquirePermission();

    /**
     * @return permissions left in the current period; negative while calls wait for permissions of coming
     *     periods (as resilience4j reports it)
     */
    int availablePermissions();

    /** @return calls parked now, waiting for the period their permission belongs to */
    int numberOfWaitingThreads();

    /** @return how many calls this limiter has refused, since it was created */
    long rejectedCalls();

    /**
     * Applies new settings without losing the current period. A new timeout applies to the next call that
     * asks; a new limit applies from the next period on (the current one keeps what is left of its allowance),
     * as in resilience4j. Calls already waiting keep the time they were promised under the old settings.
     *
     * @param config the new settings
     * @return {@code false}, changing nothing, when the refresh period differs: periods are counted from the
     *     limiter's creation in its length, so a new length needs a new limiter
     */
    boolean reconfigure(RateLimiterConfig config);
}
