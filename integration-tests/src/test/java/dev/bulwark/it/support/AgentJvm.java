package dev.bulwark.it.support;

import com.sun.tools.attach.VirtualMachine;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * An application started in its own JVM with {@code -javaagent:bulwark-agent.jar=...}, observed only from outside:
 * its output lines and, through {@link #jmx()}, its MBeans.
 */
public final class AgentJvm implements AutoCloseable {
    /** How long to wait for something an app is expected to print. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final List<String> errorOutput = new CopyOnWriteArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();
    private JmxClient jmx;

    private AgentJvm(Process process) {
        this.process = process;
        pumps.add(pump(process.getInputStream(), "out", null));
        pumps.add(pump(process.getErrorStream(), "err", errorOutput));
    }

    /** @return the path of the agent jar the build produced */
    public static Path agentJar() {
        return Path.of(System.getProperty("bulwark.agent.jar")).toAbsolutePath().normalize();
    }

    /**
     * Starts {@code mainClass} under the agent.
     *
     * @param agentArguments the text after {@code =} in {@code -javaagent}, or {@code null} for none
     * @param mainClass an app from {@code dev.bulwark.it.apps}
     * @param args the app's arguments
     */
    public static AgentJvm start(String agentArguments, Class<?> mainClass, String... args) throws IOException {
        return start(agentArguments, List.of(), mainClass, args);
    }

    /**
     * Starts {@code mainClass} under the agent with extra JVM options.
     *
     * @param agentArguments the text after {@code =} in {@code -javaagent}, or {@code null} for none
     * @param jvmOptions options such as {@code -Dbulwark.policy=...}
     * @param mainClass an app from {@code dev.bulwark.it.apps}
     * @param args the app's arguments
     */
    public static AgentJvm start(String agentArguments, List<String> jvmOptions, Class<?> mainClass, String... args)
            throws IOException {
        List<String> options = new ArrayList<>();
        options.add("-javaagent:" + agentJar() + (agentArguments == null ? "" : "=" + agentArguments));
        options.addAll(jvmOptions);
        return launch(options, mainClass, args);
    }

    /**
     * Starts {@code mainClass} with exactly the JVM options given, so that a test can put Bulwark's
     * {@code -javaagent} (see {@link #agentJar()}) among other agents' in the order it wants.
     *
     * @param jvmOptions every option, agents included
     * @param mainClass an app from {@code dev.bulwark.it.apps}
     * @param args the app's arguments
     */
    public static AgentJvm startWithOptions(List<String> jvmOptions, Class<?> mainClass, String... args)
            throws IOException {
        return launch(jvmOptions, mainClass, args);
    }

    /**
     * Starts {@code mainClass} with no agent, for {@link #attachAgent} to load it into the running JVM later.
     *
     * @param mainClass an app from {@code dev.bulwark.it.apps}
     * @param args the app's arguments
     */
    public static AgentJvm startWithoutAgent(Class<?> mainClass, String... args) throws IOException {
        return launch(List.of(), mainClass, args);
    }

    private static AgentJvm launch(List<String> jvmOptions, Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:off");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(applicationClassPath());
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("BULWARK_POLICY");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        return new AgentJvm(builder.start());
    }

    /** Runs the agent jar's command line, {@code java -jar bulwark-agent.jar ARGS}, as a CI pipeline would. */
    public static AgentJvm command(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(agentJar().toString());
        command.addAll(Arrays.asList(args));
        return new AgentJvm(new ProcessBuilder(command).start());
    }

    /** The test's class path without the agent: the app sees only what a user's app would. */
    private static String applicationClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("bulwark-agent"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** @return the line that first satisfies {@code condition}, waiting for it */
    public String awaitLine(Predicate<String> condition) {
        return await().atMost(PATIENCE).until(() -> output.stream().filter(condition).findFirst().orElse(null),
                line -> line != null);
    }

    /** @return the first line containing {@code text}, waiting for it */
    public String awaitLineContaining(String text) {
        return awaitLine(line -> line.contains(text));
    }

    /** @return how many lines so far satisfy {@code condition} */
    public long countLines(Predicate<String> condition) {
        return output.stream().filter(condition).count();
    }

    /** Waits until at least {@code count} lines satisfy {@code condition}. */
    public void awaitLineCount(Predicate<String> condition, long count) {
        await().atMost(PATIENCE).until(() -> countLines(condition) >= count);
    }

    /** Sends one line to the app's standard input: how tests tell an app to act. */
    public void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** @return every line printed so far, stdout and stderr interleaved */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** @return the lines printed so far on stderr alone */
    public List<String> errorOutput() {
        return List.copyOf(errorOutput);
    }

    /** @return the exit code, waiting for the JVM to end and for its last lines to be read */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the app did not exit; its output:\n" + String.join("\n", output));
        }
        for (Thread pump : pumps) {
            pump.join(PATIENCE.toMillis());
        }
        return process.exitValue();
    }

    /**
     * Loads the agent into the running JVM, as {@code jcmd <pid> JVMTI.agent_load} or an attach tool would; returns
     * once its {@code agentmain} has returned.
     *
     * @param agentArguments the agent's arguments, as after {@code =} in {@code -javaagent}
     */
    public void attachAgent(String agentArguments) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(process.pid()));
        try {
            vm.loadAgent(agentJar().toString(), agentArguments);
        } finally {
            vm.detach();
        }
    }

    /** @return the app's process id, as an operator finds it with {@code jps} */
    public long pid() {
        return process.pid();
    }

    /** @return a JMX connection to the app, made the way JConsole makes one to a local process */
    public JmxClient jmx() throws IOException {
        if (jmx == null) {
            jmx = JmxClient.attach(process.pid());
        }
        return jmx;
    }

    @Override
    public void close() throws Exception {
        if (jmx != null) {
            jmx.close();
        }
        process.destroyForcibly().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    private Thread pump(InputStream stream, String name, List<String> alsoTo) {
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    // The stream's own list first: whoever sees the line in the output finds it there too.
                    if (alsoTo != null) {
                        alsoTo.add(line);
                    }
                    output.add(line);
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        }, "app-" + name);
        pump.setDaemon(true);
        pump.start();
        return pump;
    }
}
