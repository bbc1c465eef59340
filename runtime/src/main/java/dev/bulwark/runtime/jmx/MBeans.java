package dev.bulwark.runtime.jmx;

import dev.bulwark.runtime.log.BulwarkLog;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.List;

/** Registers Bulwark's MBeans in the platform MBean server, under the {@code dev.bulwark} domain. */
public final class MBeans {
    /** The JMX domain of every Bulwark MBean. */
    public static final String DOMAIN = "dev.bulwark";

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

    /** Unregisters the MBean named {@code name}, if there is one; a failure is logged, never thrown. */
    public static void unregister(String name) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName objectName = new ObjectName(name);
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
        } catch (JMException | RuntimeException e) {
            BulwarkLog.internalFault("unregistering MBean " + name, e);
        }
    }

    /**
     * Registers {@code mbean} under {@code name}, replacing one already there. A failure is logged, never thrown:
     * monitoring must not stop the application.
     */
    public static void register(String name, Object mbean) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName objectName = new ObjectName(name);
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
            server.registerMBean(mbean, objectName);
        } catch (JMException | RuntimeException e) {
            BulwarkLog.internalFault("registering MBean " + name, e);
        }
    }
}
