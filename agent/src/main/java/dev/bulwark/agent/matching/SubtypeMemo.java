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
 * file names raw supertypes only, which is all a subtype check needs.
 */
public final class SubtypeMemo {
    private final Predicate<String> typeName;
    private final PerClassLoader<Map<String, Boolean>> answers = new PerClassLoader<>(ConcurrentHashMap::new);

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
        Boolean answer = known.get(type.name());
        if (answer != null) {
            return answer;
        }
        try {
            return isSubtype(type.name(), type, known, headers);
        } catch (UnreadableSupertype unreadable) {
            return true;
        }
    }

    private boolean isSubtype(String name, ClassHeader type, Map<String, Boolean> known, ClassHeaders headers) {
        boolean subtype = typeName.test(name) || anySupertypeIsSubtype(type, known, headers);
        // Only settled answers are kept: an unreadable supertype above leaves nothing behind.
        known.put(name, subtype);
        return subtype;
    }

    private boolean anySupertypeIsSubtype(ClassHeader type, Map<String, Boolean> known, ClassHeaders headers) {
        for (String supertype : type.supertypes()) {
            Boolean answer = known.get(supertype);
            if (answer == null) {
                if (typeName.test(supertype)) {
                    known.put(supertype, true);
                    return true;
                }
                ClassHeader header = headers.find(supertype);
                if (header == null) {
                    throw new UnreadableSupertype();
                }
                answer = isSubtype(supertype, header, known, headers);
            }
            if (answer) {
                return true;
            }
        }
        return false;
    }

    /** Ends a walk that cannot settle, without the cost of a stack trace. */
    private static final class UnreadableSupertype extends RuntimeException {
        UnreadableSupertype() {
            super(null, null, false, false);
        }
    }
}
