package dev.bulwark.agent.matching;

import java.util.HashMap;
import java.util.Map;

/**
 * Finds the headers of the classes one class loader sees, for one class being matched, by one thread; it keeps what
 * it found for that match, so that several patterns walking the same supertypes find each once.
 *
 * <p>A supertype of the class being loaded is loaded through the same loader, without being initialised. The JVM
 * loads every direct supertype of a class right after its transformers have run, on the same thread and through the
 * same loader, so this loads it only a moment sooner. Reading its class file as a resource instead cost a quarter
 * of a second in a Spring Boot application (about 450 reads through its nested-jar URLs), and the supertype was
 * then loaded anyway. A supertype loaded this way passes through the transformer like any other class.
 */
public final class ClassHeaders {
    private static final ClassHeader UNREADABLE = new ClassHeader("", 0, java.util.List.of());

    private final ClassLoader loader;
    private Map<String, ClassHeader> found;

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
        return ClassFiles.isReadingOnThisThread();
    }

    /**
     * @param name the binary name of a supertype of the class being loaded, or of one of its supertypes
     * @return the header of that class as the loader sees it, loading the class if need be; {@code null} when it
     *         cannot be loaded
     */
    public ClassHeader find(String name) {
        if (found == null) {
            found = new HashMap<>();
        }
        ClassHeader header = found.get(name);
        if (header == null) {
            header = load(name);
            found.put(name, header);
        }
        return header == UNREADABLE ? null : header;
    }

    /**
     * For a class that nothing is about to load, such as a pattern's own type: reads its class file rather than load
     * it before the application does.
     *
     * @param name a binary class name
     * @return the header of that class as the loader sees it, or {@code null} when its class file cannot be found
     *         or read
     */
    public ClassHeader read(String name) {
        byte[] classFile = ClassFiles.read(loader, name);
        try {
            return classFile == null ? null : ClassHeader.read(classFile);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * @return whether the name is in a {@code java.*} package, which only the JDK's own loaders may define: such a
     *         name means the same class through every class loader
     */
    static boolean isJdkName(String name) {
        return name.startsWith("java.");
    }

    private ClassHeader load(String name) {
        try {
            return ClassHeader.of(Class.forName(name, false, loader));
        } catch (ClassNotFoundException | LinkageError | RuntimeException unloadable) {
            // The JVM reports a missing supertype itself, when it loads the class.
            return UNREADABLE;
        }
    }
}
