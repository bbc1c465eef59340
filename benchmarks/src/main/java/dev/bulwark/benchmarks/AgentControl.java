package dev.bulwark.benchmarks;

import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Puts the agent's policies in the state a benchmark measures, through the MBeans, as an operator would. */
final class AgentControl {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private AgentControl() {
    }

    static void invoke(String policy, String operation) throws Exception {
        awaitMBeans();
        SERVER.invoke(breaker(policy), operation, new Object[0], new String[0]);
    }

    static String state(String policy) throws Exception {
        awaitMBeans();
        return (String) SERVER.getAttribute(breaker(policy), "State");
    }

    /**
     * Waits until the agent has published its MBeans, which it does once the JVM has stopped loading classes for a
     * moment: the Agent MBean comes last, after every policy's.
     */
    static void awaitMBeans() throws Exception {
        ObjectName agent = new ObjectName("dev.bulwark:type=Agent");
        CountDownLatch registered = new CountDownLatch(1);
        NotificationListener listener = (notification, handback) -> {
            if (notification instanceof MBeanServerNotification registration
                    && agent.equals(registration.getMBeanName())) {
                registered.countDown();
            }
        };
        SERVER.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener, null, null);
        try {
            if (!SERVER.isRegistered(agent) && !registered.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the agent published no MBeans within 30 s");
            }
        } finally {
            SERVER.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener);
        }
    }

    /** Removes {@code policy} by a reload, then puts the file back as it was for the next fork. */
    static void removeByReload(String policy) throws Exception {
        awaitMBeans();
        ObjectName agent = new ObjectName("dev.bulwark:type=Agent");
        Path file = Path.of((String) SERVER.getAttribute(agent, "PolicyFile"));
        String original = Files.readString(file, StandardCharsets.UTF_8);
        String without = original.lines()
                .filter(line -> !line.contains("\"name\": \"" + policy + "\""))
                .reduce((a, b) -> a + "\n" + b).orElseThrow()
                .replace("},\n  ]", "}\n  ]");
        try {
            Files.writeString(file, without);
            String outcome = (String) SERVER.invoke(agent, "reload", new Object[0], new String[0]);
            if (!outcome.contains("removed [" + policy + "]")) {
                throw new IllegalStateException("reload did not remove " + policy + ": " + outcome);
            }
        } finally {
            Files.writeString(file, original);
        }
    }

    private static ObjectName breaker(String policy) throws Exception {
        return new ObjectName("dev.bulwark:type=CircuitBreaker,name=" + policy);
    }
}
