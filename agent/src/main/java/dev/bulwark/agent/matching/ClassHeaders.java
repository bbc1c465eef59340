package dev.bulwark.agent.matching;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the headers of the classes one class loader sees from their class files, as resources of that loader,
 * without loading them. Made for one class being matched, by one thread; it keeps what it read for that match,
 * so that several patterns walking the same supertypes read each class file once.
 */
public final class ClassHeaders {
    // The boot loader has no object; a loader without parent asks it for resources, as ByteBuddy does.
    private static final ClassLoader BOOT_RESOURCES = new URLClassLoader(new URL[0], null);
    private static final ClassLoader JDK_RESOURCES = ClassLoader.getPlatformClassLoader();
    private static final ClassHeader UNREADABLE = new ClassHeader("", 0, java.util.List.of());
    private static final ThreadLocal<Boolean> READING = new ThreadLocal<>();

    private final ClassLoader loader;
    private Map<String, ClassHeader> read;

    /** @param loader the loader whose view of names counts, {@code null} for the boot loader */
    public ClassHeaders(ClassLoader loader) {
        this.loader = loader;
    }

    /** @return the loader whose view of names counts, {@code null} for the boot loader */
    public ClassLoader loader() {
        return loader;
    }

    /**
     * Reading a resource may load classes (a jar's or a URL handler's) on this thread, whose transformation would
     * read resources again in the middle of the first read; the transformer skips those, as ByteBuddy's own
     * circularity lock did, which is safe because they are the class loaders' own machinery.
     *
     * @return whether this thread is reading a class file for a header right now
     */
    public static boolean isReadingOnThisThread() {
        return READING.get() != null;
    }

    /**
     * @param name a binary class name
     * @return the header of that class as the loader sees it, or {@code null} when its class file cannot be found
     *         or read
     */
    public ClassHeader find(String name) {
        if (read == null) {
            read = new HashMap<>();
        }
        ClassHeader header = read.get(name);
        if (header == null) {
            header = readResource(name);
            read.put(name, header);
        }
        return header == UNREADABLE ? null : header;
    }

    /**
     * @return whether the name is in a {@code java.*} package, which only the JDK's own loaders may define: such a
     *         name means the same class through every class loader
     */
    static boolean isJdkName(String name) {
        return name.startsWith("java.");
    }

    private ClassHeader readResource(String name) {
        ClassLoader resources = isJdkName(name) ? JDK_RESOURCES : loader == null ? BOOT_RESOURCES : loader;
        READING.set(Boolean.TRUE);
        try (InputStream in = resources.getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in == null ? UNREADABLE : ClassHeader.read(in.readAllBytes());
        } catch (IOException | RuntimeException unreadable) {
            return UNREADABLE;
        } finally {
            READING.remove();
        }
    }
}
