package dev.bulwark.agent;

import dev.bulwark.agent.boot.AgentJar;

import java.lang.instrument.Instrumentation;

/**
 * The agent's entry points. The JVM defines this class through the application class loader; it puts the agent jar
 * on the boot class path and touches no other class of the agent before that, so that the boot loader defines all
 * of them, {@link AgentStartup} included.
 */
public final class BulwarkAgent {
    private static boolean onBootClassPath;

    private BulwarkAgent() {
    }

    /**
     * Called by the JVM for {@code -javaagent:bulwark-agent.jar[=arguments]}, before the application's main.
     *
     * @param arguments the agent arguments
     * @param instrumentation the JVM's instrumentation
     */
    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    /**
     * Called when the agent is attached to a running JVM.
     *
     * @param arguments the agent arguments
     * @param instrumentation the JVM's instrumentation
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    private static synchronized void start(String arguments, Instrumentation instrumentation) {
        try {
            // Once: a second start (see AgentStartup) finds the agent there already.
            if (!onBootClassPath) {
                AgentJar.appendToBootClassPath(instrumentation);
                onBootClassPath = true;
            }
            AgentStartup.start(arguments, instrumentation, version());
        } catch (Throwable e) {
            // AgentStartup reports its own faults; this is one of the jar or of loading the agent's classes from it.
            // Nothing of Bulwark can run then; the application must, so this is reported and the agent steps aside.
            System.getLogger("dev.bulwark").log(System.Logger.Level.ERROR,
                    "Bulwark could not start; the application runs unguarded", e);
        }
    }

    /**
     * Read here, from this class's package: the application class loader defined it from the jar's manifest when it
     * loaded this class. The boot loader's package of the same name would open the jar again to read its manifest,
     * loading some 40 classes of the JDK for that.
     */
    private static String version() {
        String version = BulwarkAgent.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
