package dev.bulwark.agent.boot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Puts the runtime and the policies on the boot class path, so that advice inlined into any class, JDK classes
 * included, can call them. They travel inside the agent jar and are written to a temporary folder at start-up.
 */
public final class BootstrapJars {
    private static final List<String> JARS = List.of("bulwark-policies.jar", "bulwark-runtime.jar");

    private BootstrapJars() {
    }

    /**
     * Must run before any class of the runtime is loaded, or the system class loader would load a second copy.
     *
     * @param instrumentation the JVM's instrumentation
     * @throws IOException when a jar cannot be written
     */
    public static void appendTo(Instrumentation instrumentation) throws IOException {
        Path folder = Files.createTempDirectory("bulwark-boot-");
        folder.toFile().deleteOnExit();
        for (String jar : JARS) {
            Path target = folder.resolve(jar);
            try (InputStream in = BootstrapJars.class.getResourceAsStream("/bulwark-boot/" + jar)) {
                if (in == null) {
                    throw new IOException(jar + " is missing from the agent jar");
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            target.toFile().deleteOnExit();
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(target.toFile()));
        }
    }
}
