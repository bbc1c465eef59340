package dev.bulwark.it.support;

import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;

import static org.awaitility.Awaitility.await;

/**
 * A JMX connection from the test JVM to an app's JVM, opened as JConsole opens one to a local process: attach, start
 * the local management agent, connect. MBeans are read by name, without Bulwark's classes.
 *
 * <p>Bulwark publishes its start-up MBeans from a thread of its own once the app has stopped loading classes, the
 * Agent MBean last: a new connection waits for that one, so that every test reads MBeans that are there.
 */
public final class JmxClient implements AutoCloseable {
    private final JMXConnector connector;
    private final MBeanServerConnection connection;

    private JmxClient(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.connection = connector.getMBeanServerConnection();
        await().atMost(AgentJvm.PATIENCE).ignoreExceptions()
                .until(() -> connection.isRegistered(new ObjectName("dev.bulwark:type=Agent")));
    }

    static JmxClient attach(long pid) throws IOException {
        try {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            try {
                return new JmxClient(JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent())));
            } finally {
                vm.detach();
            }
        } catch (com.sun.tools.attach.AttachNotSupportedException e) {
            throw new IOException("cannot attach to " + pid, e);
        }
    }

    /** @return the attribute of the circuit breaker of {@code policy} */
    public Object breaker(String policy, String attribute) throws Exception {
        return connection.getAttribute(breakerName(policy), attribute);
    }

    /** Invokes an operation of the circuit breaker of {@code policy}, as JConsole's buttons do. */
    public void invokeOnBreaker(String policy, String operation) throws Exception {
        connection.invoke(breakerName(policy), operation, new Object[0], new String[0]);
    }

    /** @return the attribute of the MBean of one kind ({@code Bulkhead}, {@code Retry}, ...) of {@code policy} */
    public Object attribute(String kind, String policy, String attribute) throws Exception {
        return connection.getAttribute(new ObjectName("dev.bulwark:type=" + kind + ",name=" + policy), attribute);
    }

    /** @return the attribute of {@code dev.bulwark:type=Agent} */
    public Object agent(String attribute) throws Exception {
        return connection.getAttribute(new ObjectName("dev.bulwark:type=Agent"), attribute);
    }

    /** @return what an operation of {@code dev.bulwark:type=Agent} returned */
    public Object invokeOnAgent(String operation) throws Exception {
        return connection.invoke(new ObjectName("dev.bulwark:type=Agent"), operation, new Object[0], new String[0]);
    }

    /** @return whether an MBean of that name is registered */
    public boolean isRegistered(String objectName) throws Exception {
        return connection.isRegistered(new ObjectName(objectName));
    }

    private static ObjectName breakerName(String policy) throws Exception {
        return new ObjectName("dev.bulwark:type=CircuitBreaker,name=" + policy);
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
