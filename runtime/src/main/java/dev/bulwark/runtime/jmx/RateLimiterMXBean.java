package dev.bulwark.runtime.jmx;

/** A policy's rate limiter as operators see it: {@code dev.bulwark:type=RateLimiter,name=<policy>}. */
public interface RateLimiterMXBean {

    /** @return permits left in the current period; negative while calls wait for later periods */
    int getAvailablePermissions();

    /** @return calls waiting for a permit */
    int getNumberOfWaitingThreads();

    /** @return calls refused because no permit came within the timeout */
    long getRejectedCalls();

    /** @return ENFORCE or OBSERVE */
    String getMode();

    /** @return in OBSERVE mode, calls the rate limiter would have refused */
    long getWouldHaveRejectedCalls();
}
