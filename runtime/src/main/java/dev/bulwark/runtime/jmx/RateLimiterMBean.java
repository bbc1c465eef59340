package dev.bulwark.runtime.jmx;

import dev.bulwark.policies.ratelimiter.RateLimiter;
import dev.bulwark.runtime.guard.Guard;

/** Publishes a guard's {@link RateLimiter} as a {@link RateLimiterMXBean}. */
public final class RateLimiterMBean extends GuardView implements RateLimiterMXBean {

    /** @param guard the guard whose rate limiter to publish */
    public RateLimiterMBean(Guard guard) {
        super(guard);
    }

    private RateLimiter rateLimiter() {
        return guard().rateLimiter();
    }

    @Override
    public int getAvailablePermissions() {
        return rateLimiter().availablePermissions();
    }

    @Override
    public int getNumberOfWaitingThreads() {
        return rateLimiter().numberOfWaitingThreads();
    }

    @Override
    public long getRejectedCalls() {
        return rateLimiter().rejectedCalls();
    }

    @Override
    public String getMode() {
        return guard().mode().name();
    }

    @Override
    public long getWouldHaveRejectedCalls() {
        return guard().observations().rateLimiterRejections();
    }
}
