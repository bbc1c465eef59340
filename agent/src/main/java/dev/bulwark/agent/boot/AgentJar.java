package dev.bulwark.agent.boot;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;

/**
 * Puts the agent jar itself on the boot class path, so that advice inlined into any class, JDK classes included,
 * can call the runtime, and so that the rest of the agent is defined by the boot loader too.
 *
 * <p>The whole jar goes there, not only the runtime: the JVM checks the bytecode of every class the application
 * class loader defines, and it does not for the boot loader's. Checking the agent's classes and jackson-core's cost
 * about 30 ms of the application's start-up, and made the JVM load 25 classes of jackson-core that reading a policy
 * file never uses, only to check assignments in the classes it does use. The jar is used where it lies: nothing
 * is written to disk, so a read-only file system suits the agent too.
 */
public final class AgentJar {

    private AgentJar() {
    }

    /**
     * Must run before any other class of the agent is loaded, or the application class loader, which finds them in
     * the same jar, would define them: its parent, the boot loader, finds them first once the jar is appended.
     *
     * @param instrumentation the JVM's instrumentation
     * @throws IOException when the jar cannot be found or opened
     */
    public static void appendToBootClassPath(Instrumentation instrumentation) throws IOException {
        // The JVM takes only the jar's path, so the file opened here can be closed again.
        try (JarFile jar = new JarFile(location().toFile())) {
            instrumentation.appendToBootstrapClassLoaderSearch(jar);
        }
    }

    private static Path location() throws IOException {
        CodeSource source = AgentJar.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IOException("the agent jar's location is unknown");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException notAFile) {
            throw new IOException("the agent was not loaded from a jar file: " + source.getLocation(), notAFile);
        }
    }
}
