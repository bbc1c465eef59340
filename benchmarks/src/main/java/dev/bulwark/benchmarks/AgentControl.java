package dev.bulwark.benchmarks;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Puts the agent's policies in the state a benchmark measures, through the MBeans, as an operator would. */
final class AgentControl {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private AgentControl() {
    }

    static void invoke(String policy, String operation) throws Exception {
        SERVER.invoke(breaker(policy), operation, new Object[0], new String[0]);
    }

    static String state(String policy) throws Exception {
        return (String) SERVER.getAttribute(breaker(policy), "State");
    }

    /** Removes {@code policy} by a reload, then puts the file back as it was for the next fork. */
    static void removeByReload(String policy) throws Exception {
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
