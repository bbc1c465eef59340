package dev.bulwark.agent.matching;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Remembers, per class loader, which type names are (or are not) subtypes of a pattern's type, so that matching a
 * class walks only the part of its hierarchy no earlier class shared, from class file headers alone. A cheap
 * filter before ByteBuddy parses a class and its exact matcher decides.
 *
 * <p>A name seen through a class loader always means the same class there (the JVM's loader constraints), so
 * the answer for a supertype found while matching one class holds for every later class of that loader. A class
 * file names raw supertypes only, which is all a subtype check needs. A {@code java.*} name means the same class
 * through every loader (only the JDK's loaders may define those packages), so those answers are shared.
 */
public final class SubtypeMemo {
    private final Predicate<String> typeName;
    private final PerClassLoader<Map<String, Boolean>> answers = new PerClassLoader<>(ConcurrentHashMap::new);
    private final Map<String, Boolean> jdkAnswers = new ConcurrentHashMap<>();

    /** @param typeName whether a type's name is the pattern's type */
    public SubtypeMemo(Predicate<String> typeName) {
        this.typeName = typeName;
    }

    /**
     * @param type the header of a class that {@code headers}' loader defines
     * @param headers reads the headers of its supertypes through that same loader
     * @return {@code false} only when neither {@code type} nor any of its supertypes has the pattern's type name;
     *         {@code true} also when a supertype's class file cannot be read, so that the exact matcher decides
     */
    public boolean mayMatch(ClassHeader type, ClassHeaders headers) {
        Map<String, Boolean> known = answers.get(headers.loader());
        Boolean answer = answersAbout(type.name(), known).get(type.name());
        if (answer != null) {
            return answer;
        }
        try {
            return isSubtype(type.name(), type, known, headers);
        } catch (UnreadableSupertype unreadable) {
            return true;
        }
    }

    /** @param header the class file header of {@code name}, or {@code null} to read it only if need be */
    private boolean isSubtype(String name, ClassHeader header, Map<String, Boolean> known, ClassHeaders headers) {
        boolean subtype;
        if (typeName.test(name)) {
            subtype = true;
        } else {
            ClassHeader read = header != null ? header : headers.find(name);
            if (read == null) {
                throw new UnreadableSupertype();
            }
            subtype = anySupertypeIsSubtype(read, known, headers);
        }
        // Only settled answers are kept: an unreadable supertype above leaves nothing behind.
        answersAbout(name, known).put(name, subtype);
        return subtype;
    }

    private boolean anySupertypeIsSubtype(ClassHeader type, Map<String, Boolean> known, ClassHeaders headers) {
        for (String supertype : type.supertypes()) {
            Boolean answer = answersAbout(supertype, known).get(supertype);
            if (answer == null ? isSubtype(supertype, null, known, headers) : answer) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Boolean> answersAbout(String name, Map<String, Boolean> loaderAnswers) {
        return ClassHeaders.isJdkName(name) ? jdkAnswers : loaderAnswers;
    }

    /** Ends a walk that cannot settle, without the cost of a stack trace. */
    private static final class UnreadableSupertype extends RuntimeException {
        UnreadableSupertype() {
            super(null, null, false, false);
        }
    }
}
