package dev.bulwark.agent.cli;

import dev.bulwark.agent.boot.BootstrapJars;

import java.io.IOException;
import java.lang.instrument.Instrumentation;

/**
 * Run by the JVM before {@link BulwarkCommand} when the agent jar is started with {@code java -jar}
 * ({@code Launcher-Agent-Class}): puts the runtime and policies on the class path, which the agent jar carries as nested jars.
 */
public final class CommandLineBoot {

    private CommandLineBoot() {
    }

    /**
     * @param arguments unused
     * @param instrumentation the JVM's instrumentation
     * @throws IOException when the nested jars cannot be written
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) throws IOException {
        BootstrapJars.appendToSystemClassPath(instrumentation);
    }
}
