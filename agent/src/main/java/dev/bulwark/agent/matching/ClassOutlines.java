package dev.bulwark.agent.matching;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the outlines of the classes one class loader sees, by reading their class files: for the supertypes of a
 * class being advised and the exceptions its methods declare, none of which is loaded early for it. Keeps what it
 * read, for one class being advised on one thread.
 */
public final class ClassOutlines {
    private final ClassLoader loader;
    private final Map<String, Optional<ClassOutline>> read = new HashMap<>();

    /** @param loader the loader whose view of names counts, {@code null} for the boot loader */
    public ClassOutlines(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * @param name a binary class name
     * @return the outline of that class as the loader sees it; empty when its class file cannot be found or read
     */
    public Optional<ClassOutline> find(String name) {
        return read.computeIfAbsent(name, this::readOutline);
    }

    private Optional<ClassOutline> readOutline(String name) {
        byte[] classFile = ClassFiles.read(loader, name);
        if (classFile == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ClassOutline.read(classFile));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
