package dev.bulwark.runtime.jmx;

/** A policy's timeout as operators see it: {@code dev.bulwark:type=Timeout,name=<policy>}. */
public interface TimeoutMXBean {

    /** @return the deadline a call starting now gets, in milliseconds; it moves with latency when adaptive */
    double getCurrentTimeoutMillis();

    /** @return calls ended at their deadline */
    long getTimedOutCalls();

    /** @return ENFORCE or OBSERVE */
    String getMode();

    /** @return in OBSERVE mode, calls that ran past the deadline they would have been stopped at */
    long getWouldHaveTimedOutCalls();
}
