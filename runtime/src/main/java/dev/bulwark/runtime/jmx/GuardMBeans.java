package dev.bulwark.runtime.jmx;

import dev.bulwark.runtime.guard.Guard;

/** Publishes one MBean per kind a policy has, and withdraws those of kinds it no longer has. */
public final class GuardMBeans {

    private GuardMBeans() {
    }

    /** Registers the MBeans of {@code guard}'s kinds, replacing those of the guard it succeeds. */
    public static void publish(Guard guard) {
        String policy = guard.policyName();
        publish("CircuitBreaker", policy, guard.circuitBreaker() == null ? null : new CircuitBreakerMBean(guard));
        publish("Bulkhead", policy, guard.bulkhead() == null ? null : new BulkheadMBean(guard));
        publish("RateLimiter", policy, guard.rateLimiter() == null ? null : new RateLimiterMBean(guard));
        publish("Timeout", policy, guard.timeout() == null ? null : new TimeoutMBean(guard));
        publish("Retry", policy, guard.retry() == null ? null : new RetryMBean(guard));
    }

    /** Unregisters every MBean of the policy named {@code policyName}. */
    public static void withdraw(String policyName) {
        MBeans.KINDS.forEach(kind -> MBeans.unregister(MBeans.name(kind, policyName)));
    }

    private static void publish(String kind, String policyName, Object mbean) {
        if (mbean == null) {
            MBeans.unregister(MBeans.name(kind, policyName));
        } else {
            MBeans.register(MBeans.name(kind, policyName), mbean);
        }
    }
}
