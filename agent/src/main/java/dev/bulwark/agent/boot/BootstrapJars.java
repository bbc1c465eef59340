package dev.bulwark.agent.boot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
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
        for (JarFile jar : extract()) {
            instrumentation.appendToBootstrapClassLoaderSearch(jar);
        }
    }

    /**
     * For the command line, where nothing is advised: the jars go on the system class path, which spares the
     * JVM's warning about class data sharing that appending to the boot class path prints.
     *
     * @param instrumentation the JVM's instrumentation
     * @throws IOException when a jar cannot be written
     */
    public static void appendToSystemClassPath(Instrumentation instrumentation) throws IOException {
        for (JarFile jar : extract()) {
            instrumentation.appendToSystemClassLoaderSearch(jar);
        }
    }

    private static List<JarFile> extract() throws IOException {
        Path folder = createFolder();
        folder.toFile().deleteOnExit();
        List<JarFile> jars = new ArrayList<>();
        for (String jar : JARS) {
            Path target = folder.resolve(jar);
            try (InputStream in = BootstrapJars.class.getResourceAsStream("/bulwark-boot/" + jar)) {
                if (in == null) {
                    throw new IOException(jar + " is missing from the agent jar");
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            target.toFile().deleteOnExit();
            jars.add(new JarFile(target.toFile()));
        }
        return jars;
    }

    /**
     * A new folder only this user can read, as {@link Files#createTempDirectory} makes, without its random name:
     * seeding the random number generator loads the JDK's security providers, about 25 ms of the application's
     * start-up. A name from the clock serves as well, since a folder that already exists is never taken over: the
     * next name is tried.
     */
    private static Path createFolder() throws IOException {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        FileAttribute<?>[] ownerOnly = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
        for (int attempt = 1; ; attempt++) {
            try {
                return Files.createDirectory(temporary.resolve("bulwark-boot-" + Long.toHexString(System.nanoTime())),
                        ownerOnly);
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 100) {
                    throw taken;
                }
            }
        }
    }
}
