package dev.bulwark.runtime.jmx;

import dev.bulwark.runtime.log.BulwarkLog;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Registers Bulwark's MBeans in the platform MBean server, under the {@code dev.bulwark} domain, at once or, between
 * {@link #hold()} and {@link #publishHeldInBackground()}, later from a thread of their own that first makes the
 * platform MBean server.
 */
public final class MBeans {
    /** The JMX domain of every Bulwark MBean. */
    public static final String DOMAIN = "dev.bulwark";

    // Guards the held changes, and keeps a change made later from overtaking them; never held while waiting.
    private static final ReentrantLock CHANGES = new ReentrantLock();
    // Registrations and withdrawals waiting for the platform MBean server, in order; null when none are held.
    private static List<Runnable> held;

    private MBeans() {
    }

    /** The kinds a policy may publish, each as {@code type=<kind>,name=<policy>}. */
    public static final List<String> KINDS =
            List.of("CircuitBreaker", "Bulkhead", "RateLimiter", "Timeout", "Retry");

    /**
     * @param kind one of {@link #KINDS}
     * @param policyName a policy name, which the policy file limits to characters that need no quoting here
     * @return the object name of that kind of {@code policyName}
     */
    public static String name(String kind, String policyName) {
        return DOMAIN + ":type=" + kind + ",name=" + policyName;
    }

    /** @return the object name of the agent MBean */
    public static String agentName() {
        return DOMAIN + ":type=Agent";
    }

    /**
     * Holds every registration and withdrawal from now on, until {@link #publishHeldInBackground()}. Making the
     * platform MBean server costs a hundred-odd JMX classes and the platform MXBeans, which an application that uses
     * no JMX never loads: while the application starts, only the MBeans' publication should wait for that.
     */
    public static void hold() {
        CHANGES.lock();
        try {
            if (held == null) {
                held = new ArrayList<>();
            }
        } finally {
            CHANGES.unlock();
        }
    }

    /**
     * Makes the changes held since {@link #hold()}, in order, from a daemon thread once it has made the platform
     * MBean server; after that, changes are immediate again.
     */
    public static void publishHeldInBackground() {
        try {
            Thread publisher = new Thread(MBeans::publishHeld, "bulwark-jmx");
            publisher.setDaemon(true);
            publisher.start();
        } catch (RuntimeException | Error cannotStart) {
            // Out of threads or memory: publish on this thread rather than hold the MBeans for ever.
            publishHeld();
        }
    }

    private static void publishHeld() {
        try {
            ManagementFactory.getPlatformMBeanServer();
        } catch (RuntimeException | Error e) {
            BulwarkLog.internalFault("making the platform MBean server", e, "Bulwark's MBeans may be missing");
        }
        CHANGES.lock();
        try {
            List<Runnable> changes = held;
            // Later changes are immediate whatever happens here, or they would wait for ever.
            held = null;
            if (changes != null) {
                changes.forEach(Runnable::run);
            }
        } finally {
            CHANGES.unlock();
        }
    }

    private static void change(Runnable change) {
        CHANGES.lock();
        try {
            if (held != null) {
                held.add(change);
            } else {
                change.run();
            }
        } finally {
            CHANGES.unlock();
        }
    }

    /** Unregisters the MBean named {@code name}, if there is one; a failure is logged, never thrown. */
    public static void unregister(String name) {
        change(() -> unregisterNow(name));
    }

    private static void unregisterNow(String name) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName objectName = new ObjectName(name);
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
        } catch (JMException | RuntimeException e) {
            BulwarkLog.internalFault("unregistering MBean " + name, e, "it may stay registered");
        }
    }

    /**
     * Registers {@code mbean} under {@code name}, replacing one already there. A failure is logged, never thrown:
     * monitoring must not stop the application.
     */
    public static void register(String name, Object mbean) {
        change(() -> registerNow(name, mbean));
    }

    private static void registerNow(String name, Object mbean) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName objectName = new ObjectName(name);
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
            server.registerMBean(mbean, objectName);
        } catch (JMException | RuntimeException e) {
            BulwarkLog.internalFault("registering MBean " + name, e, "it is missing from JMX");
        }
    }
}
