package dev.bulwark.agent.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.bulwark.agent.policyfile.PolicyDefinition;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulwark in another JVM on this machine, reached as JConsole reaches it: attach to the process, start its local
 * management agent (which then stays up in that JVM, as after JConsole), connect over JMX. For an operator on a host
 * or in a container without a desktop, where JConsole cannot run. Only Bulwark's MBeans are read, by name, and an
 * attribute another version of the agent lacks is left out rather than failing the command.
 */
final class RunningAgent implements AutoCloseable {
    private static final String DOMAIN = "dev.bulwark";
    private static final ObjectName AGENT = name(DOMAIN + ":type=Agent");
    /** The kinds in the order a call meets them, so that a status reads as the pipeline runs. */
    private static final List<String> KINDS = List.of("Retry", "CircuitBreaker", "RateLimiter", "Timeout", "Bulkhead");
    /** How long one JMX call may take: a stalled JVM must not hang the operator's shell. */
    private static final String RESPONSE_TIMEOUT_MILLIS = "30000";

    private final String pid;
    private final JMXConnector connector;
    private final MBeanServerConnection connection;

    private RunningAgent(String pid, JMXConnector connector) throws IOException {
        this.pid = pid;
        this.connector = connector;
        this.connection = connector.getMBeanServerConnection();
    }

    /**
     * @param pid the process id of a JVM run by the same user
     * @return a connection to the Bulwark in it
     * @throws CommandException when the JVM cannot be reached or shows no Bulwark
     */
    static RunningAgent attach(String pid) throws CommandException {
        System.setProperty("sun.rmi.transport.tcp.responseTimeout", RESPONSE_TIMEOUT_MILLIS);
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(pid);
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                detachQuietly(vm);
            }
        } catch (AttachNotSupportedException | IOException | RuntimeException e) {
            throw new CommandException("cannot attach to JVM " + pid + " (is it running, as this user?): "
                    + e.getMessage());
        }
        JMXConnector connector;
        try {
            connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        } catch (IOException | RuntimeException e) {
            throw new CommandException("cannot connect to the MBeans of JVM " + pid + ": " + e.getMessage());
        }
        try {
            RunningAgent agent = new RunningAgent(pid, connector);
            if (!agent.connection.isRegistered(AGENT)) {
                throw new CommandException("JVM " + pid + " shows no Bulwark MBeans: it runs without the agent, or "
                        + "the agent has not published them yet (it does once the app has started)");
            }
            return agent;
        } catch (IOException | RuntimeException e) {
            closeQuietly(connector);
            throw new CommandException("cannot read the MBeans of JVM " + pid + ": " + e.getMessage());
        } catch (CommandException e) {
            closeQuietly(connector);
            throw e;
        }
    }

    /** Prints the agent and, per policy, every figure of each of its kinds. */
    void printStatus(PrintStream out) throws CommandException {
        try {
            Map<String, Object> agent = attributes(AGENT, "Version", "PolicyFile", "LastReloadTime",
                    "LastReloadError", "Errors", "Policies");
            out.println("Bulwark " + agent.getOrDefault("Version", "(version unknown)") + " in JVM " + pid
                    + ", policy file " + orNone(agent.get("PolicyFile")));
            Object reloaded = agent.get("LastReloadTime");
            Object reloadError = agent.get("LastReloadError");
            out.println("  last reload " + (isBlank(reloaded) ? "never" : reloaded)
                    + (isBlank(reloadError) ? "" : ", refused: " + reloadError));
            for (String error : texts(agent.get("Errors"))) {
                out.println("  error: " + error);
            }
            for (String policy : texts(agent.get("Policies"))) {
                out.println(policy);
                for (String kind : KINDS) {
                    String figures = figures(name(DOMAIN + ":type=" + kind + ",name=" + policy));
                    if (figures != null) {
                        out.println("  " + kind + ": " + figures);
                    }
                }
            }
        } catch (IOException | JMException | RuntimeException e) {
            throw new CommandException("cannot read the MBeans of JVM " + pid + ": " + e);
        }
    }

    /**
     * Invokes one of a circuit breaker's operations, as JConsole's buttons do.
     *
     * @return the breaker's state afterwards
     */
    String operateBreaker(String policy, String operation) throws CommandException {
        ObjectName breaker = breakerOf(policy);
        try {
            connection.invoke(breaker, operation, new Object[0], new String[0]);
            return String.valueOf(connection.getAttribute(breaker, "State"));
        } catch (IOException | JMException | RuntimeException e) {
            throw new CommandException("cannot " + operation + " the circuit breaker of '" + policy + "' in JVM "
                    + pid + ": " + e);
        }
    }

    /**
     * Invokes the Agent MBean's {@code reload()}.
     *
     * @return what it answered
     * @throws CommandException when the reload could not be asked for, or the file was refused (its reason)
     */
    String reload() throws CommandException {
        String outcome;
        try {
            outcome = String.valueOf(connection.invoke(AGENT, "reload", new Object[0], new String[0]));
            // Judged by the Agent MBean's record of the reload, not by its wording, which versions may change.
            Object error = attributes(AGENT, "LastReloadError").get("LastReloadError");
            if (error == null ? !outcome.startsWith("Bulwark reloaded") : !isBlank(error)) {
                throw new CommandException(outcome);
            }
            return outcome;
        } catch (IOException | JMException | RuntimeException e) {
            throw new CommandException("cannot reload the policy file of JVM " + pid + ": " + e);
        }
    }

    private ObjectName breakerOf(String policy) throws CommandException {
        if (!PolicyDefinition.isName(policy)) {
            throw new CommandException("'" + policy + "' is no policy name: " + PolicyDefinition.NAME_RULE);
        }
        try {
            // Unquoted, as the agent registers it.
            ObjectName breaker = name(DOMAIN + ":type=CircuitBreaker,name=" + policy);
            if (connection.isRegistered(breaker)) {
                return breaker;
            }
            List<String> policies = texts(attributes(AGENT, "Policies").get("Policies"));
            throw new CommandException(policies.contains(policy)
                    ? "policy '" + policy + "' in JVM " + pid + " has no circuit breaker"
                    : "JVM " + pid + " has no policy '" + policy + "'; its policies: "
                    + (policies.isEmpty() ? "none" : String.join(", ", policies)));
        } catch (IOException | JMException | RuntimeException e) {
            throw new CommandException("cannot read the MBeans of JVM " + pid + ": " + e);
        }
    }

    /** @return the attributes of {@code mbean} it has, by name: another version may lack some */
    private Map<String, Object> attributes(ObjectName mbean, String... names) throws IOException, JMException {
        Map<String, Object> found = new LinkedHashMap<>();
        AttributeList read = connection.getAttributes(mbean, names);
        for (Attribute attribute : read.asList()) {
            found.put(attribute.getName(), attribute.getValue());
        }
        return found;
    }

    /** @return the kind's figures in one line, its state first; {@code null} if the policy has no such kind */
    private String figures(ObjectName kind) throws IOException, JMException {
        try {
            MBeanAttributeInfo[] infos = connection.getMBeanInfo(kind).getAttributes();
            // A breaker's state first: it is what an operator looks for.
            String[] names = Arrays.stream(infos).map(MBeanAttributeInfo::getName)
                    .sorted(Comparator.comparing(name -> !name.equals("State"))).toArray(String[]::new);
            List<String> figures = new ArrayList<>();
            for (Map.Entry<String, Object> figure : attributes(kind, names).entrySet()) {
                figures.add(figure.getKey() + " " + figure.getValue());
            }
            return String.join(", ", figures);
        } catch (InstanceNotFoundException absentOrJustRemoved) {
            // No such kind, or a reload removed it between the listing and this read.
            return null;
        }
    }

    private static List<String> texts(Object value) {
        return value instanceof String[] ? Arrays.asList((String[]) value) : List.of();
    }

    private static boolean isBlank(Object value) {
        return value == null || value.toString().isEmpty();
    }

    private static Object orNone(Object value) {
        return isBlank(value) ? "none" : value;
    }

    @Override
    public void close() {
        closeQuietly(connector);
    }

    private static void detachQuietly(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException alreadyGone) {
            // The address is what was needed; a JVM that went meanwhile fails the connection next.
        }
    }

    private static void closeQuietly(JMXConnector connector) {
        try {
            connector.close();
        } catch (IOException alreadyGone) {
            // The other JVM may have exited; nothing is left to release here.
        }
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (JMException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    /** A command that could not be carried out, with a message for the operator. */
    static final class CommandException extends Exception {
        CommandException(String message) {
            super(message);
        }
    }
}
