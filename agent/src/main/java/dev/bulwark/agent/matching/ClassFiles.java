package dev.bulwark.agent.matching;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;

/** Reads class files as resources of a class loader, without loading the classes. */
final class ClassFiles {
    // The boot loader has no object; a loader without parent asks it for resources, as ByteBuddy does.
    private static final ClassLoader BOOT_RESOURCES = new URLClassLoader(new URL[0], null);
    private static final ClassLoader JDK_RESOURCES = ClassLoader.getPlatformClassLoader();
    private static final ThreadLocal<Boolean> READING = new ThreadLocal<>();

    private ClassFiles() {
    }

    /** @return whether this thread is reading a class file right now: see {@link ClassHeaders#isReadingOnThisThread} */
    static boolean isReadingOnThisThread() {
        return READING.get() != null;
    }

    /**
     * @param loader the loader whose view of the name counts, {@code null} for the boot loader
     * @param name a binary class name
     * @return the class file, or {@code null} when it cannot be found or read
     */
    static byte[] read(ClassLoader loader, String name) {
        ClassLoader resources = ClassHeaders.isJdkName(name) ? JDK_RESOURCES : loader == null ? BOOT_RESOURCES : loader;
        READING.set(Boolean.TRUE);
        try (InputStream in = resources.getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException unreadable) {
            return null;
        } finally {
            READING.remove();
        }
    }
}
