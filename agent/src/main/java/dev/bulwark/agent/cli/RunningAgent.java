package dev.bulwark.agent.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

import javax.management.Attribute;
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
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Bulwark in another JVM on this machine, reached as JConsole reaches it: attach to the process, start its local
 * management agent, connect over JMX. For an operator on a host or in a container without a desktop, where JConsole
 * cannot run. Only Bulwark's MBeans are read, by name, so any version of the agent answers.
 */
final class RunningAgent implements AutoCloseable {
    private static final String DOMAIN = "dev.bulwark";
    private static final ObjectName AGENT = name(DOMAIN + ":type=Agent");
    /** The kinds in the order a call meets them, so that a status reads as the pipeline runs. */
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final List<String> KINDS = List.of("Retry", "CircuitBreaker", "RateLimiter", "Timeout", "Bulkhead");

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
        JMXConnector connector;
        try {
            VirtualMachine vm = VirtualMachine.attach(pid);
            try {
                connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException | IOException e) {
            throw new CommandException("cannot attach to JVM " + pid + " (is it running, as this user?): "
                    + e.getMessage());
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
            out.println("Bulwark " + connection.getAttribute(AGENT, "Version") + " in JVM " + pid + ", policy file "
                    + connection.getAttribute(AGENT, "PolicyFile"));
            String reloadError = (String) connection.getAttribute(AGENT, "LastReloadError");
            out.println("  last reload " + connection.getAttribute(AGENT, "LastReloadTime")
                    + (reloadError.isEmpty() ? "" : ", refused: " + reloadError));
            for (String error : (String[]) connection.getAttribute(AGENT, "Errors")) {
                out.println("  error: " + error);
            }
            for (String policy : policies()) {
                out.println(policy);
                for (String kind : KINDS) {
                    ObjectName kindName = name(DOMAIN + ":type=" + kind + ",name=" + policy);
                    if (connection.isRegistered(kindName)) {
                        out.println("  " + kind + ": " + figures(kindName));
                    }
                }
            }
        } catch (IOException | JMException e) {
            throw new CommandException("cannot read the MBeans of JVM " + pid + ": " + e.getMessage());
        }
    }

    /**
     * Invokes one of a circuit breaker's operations, as JConsole's buttons do.
     *
     * @return the breaker's state afterwards
     */
    String operateBreaker(String policy, String operation) throws CommandException {
        try {
            ObjectName breaker = breakerOf(policy);
            connection.invoke(breaker, operation, new Object[0], new String[0]);
            return (String) connection.getAttribute(breaker, "State");
        } catch (IOException | JMException e) {
            throw new CommandException("cannot " + operation + " the circuit breaker of '" + policy + "' in JVM "
                    + pid + ": " + e.getMessage());
        }
    }

    /** @return what the Agent MBean's {@code reload()} answered */
    String reload() throws CommandException {
        try {
            return (String) connection.invoke(AGENT, "reload", new Object[0], new String[0]);
        } catch (IOException | JMException e) {
            throw new CommandException("cannot reload the policy file of JVM " + pid + ": " + e.getMessage());
        }
    }

    private ObjectName breakerOf(String policy) throws IOException, JMException, CommandException {
        if (!POLICY_NAME.matcher(policy).matches()) {
            throw new CommandException("'" + policy + "' is no policy name: letters, digits, '.', '_' or '-'");
        }
        // Unquoted, as the agent registers it.
        Set<ObjectName> found = connection.queryNames(name(DOMAIN + ":type=CircuitBreaker,name=" + policy), null);
        if (found.isEmpty()) {
            throw new CommandException("JVM " + pid + " has no circuit breaker for policy '" + policy
                    + "'; its policies: " + String.join(", ", policies()));
        }
        return found.iterator().next();
    }

    private List<String> policies() throws IOException, JMException {
        return Arrays.asList((String[]) connection.getAttribute(AGENT, "Policies"));
    }

    private String figures(ObjectName kind) throws IOException, JMException {
        MBeanAttributeInfo[] infos = connection.getMBeanInfo(kind).getAttributes();
        // A breaker's state first: it is what an operator looks for.
        String[] names = Arrays.stream(infos).map(MBeanAttributeInfo::getName)
                .sorted(Comparator.comparing(name -> !name.equals("State"))).toArray(String[]::new);
        List<String> figures = new ArrayList<>();
        for (Attribute attribute : connection.getAttributes(kind, names).asList()) {
            figures.add(attribute.getName() + " " + attribute.getValue());
        }
        return String.join(", ", figures);
    }

    @Override
    public void close() {
        closeQuietly(connector);
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
