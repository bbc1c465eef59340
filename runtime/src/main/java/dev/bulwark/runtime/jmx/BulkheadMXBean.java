package dev.bulwark.runtime.jmx;

/** A policy's bulkhead as operators see it: {@code dev.bulwark:type=Bulkhead,name=<policy>}. */
public interface BulkheadMXBean {

    /** @return the most calls that may run at once */
    int getMaxConcurrentCalls();

    /** @return how many more calls may start now */
    int getAvailableConcurrentCalls();

    /** @return calls refused because the bulkhead was full */
    long getRejectedCalls();

    /** @return ENFORCE or OBSERVE */
    String getMode();

    /** @return in OBSERVE mode, calls the bulkhead would have refused (observing never waits for a permit) */
    long getWouldHaveRejectedCalls();
}
