package dev.bulwark.runtime.jmx;

import dev.bulwark.policies.timeout.Timeout;
import dev.bulwark.runtime.guard.Guard;

/** Publishes a guard's {@link Timeout} as a {@link TimeoutMXBean}. */
public final class TimeoutMBean extends GuardView implements TimeoutMXBean {

    /** @param guard the guard whose timeout to publish */
    public TimeoutMBean(Guard guard) {
        super(guard);
    }

    private Timeout timeout() {
        return guard().timeout();
    }

    @Override
    public double getCurrentTimeoutMillis() {
        return timeout().currentTimeoutNanos() / 1e6;
    }

    @Override
    public long getTimedOutCalls() {
        return timeout().timeouts();
    }

    @Override
    public String getMode() {
        return guard().mode().name();
    }

    @Override
    public long getWouldHaveTimedOutCalls() {
        return guard().observations().timeouts();
    }
}
