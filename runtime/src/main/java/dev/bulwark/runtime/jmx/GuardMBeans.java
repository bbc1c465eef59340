package dev.bulwark.runtime.jmx;

import dev.bulwark.runtime.guard.Guard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Publishes one MBean per kind a policy has, and withdraws those of kinds it no longer has. An MBean whose kind a
 * reload keeps stays registered and shows the new guard from then on, so that it never disappears for a moment.
 */
public final class GuardMBeans {
    private static final Map<String, GuardView> PUBLISHED = new ConcurrentHashMap<>();

    private GuardMBeans() {
    }

    /** Registers the MBeans of {@code guard}'s kinds, or points those of the guard it succeeds at it. */
    public static void publish(Guard guard) {
        publish("CircuitBreaker", guard, guard.circuitBreaker() != null, CircuitBreakerMBean::new);
        publish("Bulkhead", guard, guard.bulkhead() != null, BulkheadMBean::new);
        publish("RateLimiter", guard, guard.rateLimiter() != null, RateLimiterMBean::new);
        publish("Timeout", guard, guard.timeout() != null, TimeoutMBean::new);
        publish("Retry", guard, guard.retry() != null, RetryMBean::new);
    }

    /** Unregisters every MBean of the policy named {@code policyName}. */
    public static void withdraw(String policyName) {
        MBeans.KINDS.forEach(kind -> unpublish(MBeans.name(kind, policyName)));
    }

    private static void publish(String kind, Guard guard, boolean has, Function<Guard, GuardView> mbean) {
        String name = MBeans.name(kind, guard.policyName());
        if (!has) {
            unpublish(name);
            return;
        }
        GuardView published = PUBLISHED.get(name);
        if (published != null) {
            published.show(guard);
        } else {
            GuardView created = mbean.apply(guard);
            PUBLISHED.put(name, created);
            MBeans.register(name, created);
        }
    }

    private static void unpublish(String name) {
        PUBLISHED.remove(name);
        MBeans.unregister(name);
    }
}
