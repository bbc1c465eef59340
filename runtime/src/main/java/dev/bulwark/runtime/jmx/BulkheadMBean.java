package dev.bulwark.runtime.jmx;

import dev.bulwark.policies.bulkhead.Bulkhead;
import dev.bulwark.runtime.guard.Guard;

/** Publishes a guard's {@link Bulkhead} as a {@link BulkheadMXBean}. */
public final class BulkheadMBean extends GuardView implements BulkheadMXBean {

    /** @param guard the guard whose bulkhead to publish */
    public BulkheadMBean(Guard guard) {
        super(guard);
    }

    private Bulkhead bulkhead() {
        return guard().bulkhead();
    }

    @Override
    public int getMaxConcurrentCalls() {
        return bulkhead().maxAllowedConcurrentCalls();
    }

    @Override
    public int getAvailableConcurrentCalls() {
        return bulkhead().availableConcurrentCalls();
    }

    @Override
    public long getRejectedCalls() {
        return bulkhead().rejectedCalls();
    }

    @Override
    public String getMode() {
        return guard().mode().name();
    }

    @Override
    public long getWouldHaveRejectedCalls() {
        return guard().observations().bulkheadRejections();
    }
}
