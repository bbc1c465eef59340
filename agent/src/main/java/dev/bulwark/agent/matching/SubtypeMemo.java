package dev.bulwark.agent.matching;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Remembers, per class loader, which type names are (or are not) subtypes of a pattern's type, so that matching a
 * class walks only the part of its hierarchy no earlier class shared, by the names of supertypes alone.
 *
 * <p>A name seen through a class loader always means the same class there (the JVM's loader constraints), so
 * the answer for a supertype found while matching one class holds for every later class of that loader. A class
 * file names raw supertypes only, which is all a subtype check needs. A {@code java.*} name means the same class
 * through every loader (only the JDK's loaders may define those packages), so those answers are shared.
 *
 * <p>When the pattern names one type and that type is a class, only superclasses can lead to it: the walk then
 * looks at no interface.
 */
public final class SubtypeMemo {
    private static final String OBJECT = "java.lang.Object";

    private final Predicate<String> typeName;
    private final String exactTypeName;
    private final PerClassLoader<Map<String, Boolean>> answers = new PerClassLoader<>(ConcurrentHashMap::new);
    private final Map<String, Boolean> jdkAnswers = new ConcurrentHashMap<>();
    // Per loader: whether the pattern's type, seen through it, is a class; absent until first needed.
    private final PerClassLoader<Map<String, Boolean>> typeIsClass = new PerClassLoader<>(ConcurrentHashMap::new);

    /** @param typeName whether a type's name is the pattern's type */
    public SubtypeMemo(Predicate<String> typeName) {
        this(typeName, null);
    }

    /** @return the memo of {@code pattern}'s type */
    public static SubtypeMemo of(MethodPattern pattern) {
        return new SubtypeMemo(MethodMatchers.typeName(pattern), MethodMatchers.exactTypeName(pattern));
    }

    /**
     * @param typeName whether a type's name is the pattern's type
     * @param exactTypeName the pattern's type when it names one, without wildcards; {@code null} otherwise
     */
    public SubtypeMemo(Predicate<String> typeName, String exactTypeName) {
        this.typeName = typeName;
        this.exactTypeName = OBJECT.equals(exactTypeName) ? null : exactTypeName;
    }

    /**
     * @param type the header of a class that {@code headers}' loader defines
     * @param headers finds the headers of its supertypes through that same loader
     * @return {@code false} only when neither {@code type} nor any of its supertypes has the pattern's type name;
     *         {@code true} also when a supertype cannot be found, so that the weaver decides
     */
    public boolean mayMatch(ClassHeader type, ClassHeaders headers) {
        Boolean matches = matches(type, headers);
        return matches == null || matches;
    }

    /**
     * @param type the header of a class that {@code headers}' loader defines
     * @param headers finds the headers of its supertypes through that same loader
     * @return whether {@code type} or one of its supertypes has the pattern's type name; {@code null} when a
     *         supertype cannot be found, so that it cannot be told
     */
    public Boolean matches(ClassHeader type, ClassHeaders headers) {
        Map<String, Boolean> known = answers.get(headers.loader());
        Boolean answer = answersAbout(type.name(), known).get(type.name());
        if (answer != null) {
            return answer;
        }
        try {
            return isSubtype(type.name(), type, known, headers, typeIsClass(headers));
        } catch (UnreadableSupertype unreadable) {
            return null;
        }
    }

    /** Whether the pattern's type is a class as {@code headers}' loader sees it; {@code false} when unknown. */
    private boolean typeIsClass(ClassHeaders headers) {
        if (exactTypeName == null) {
            return false;
        }
        Map<String, Boolean> answer = typeIsClass.get(headers.loader());
        Boolean known = answer.get(exactTypeName);
        if (known == null) {
            ClassHeader type = headers.read(exactTypeName);
            known = type != null && !type.isInterface();
            answer.put(exactTypeName, known);
        }
        return known;
    }

    /**
     * @param header the class file header of {@code name}, or {@code null} to read it only if need be
     * @param classesOnly whether the pattern's type is a class, so that only superclasses lead to it
     */
    private boolean isSubtype(String name, ClassHeader header, Map<String, Boolean> known, ClassHeaders headers,
                              boolean classesOnly) {
        boolean subtype;
        if (typeName.test(name)) {
            subtype = true;
        } else {
            ClassHeader read = header != null ? header : headers.find(name);
            if (read == null) {
                throw new UnreadableSupertype();
            }
            subtype = classesOnly ? superclassIsSubtype(read, known, headers)
                    : anySupertypeIsSubtype(read, known, headers);
        }
        // Only settled answers are kept: an unreadable supertype above leaves nothing behind.
        answersAbout(name, known).put(name, subtype);
        return subtype;
    }

    private boolean anySupertypeIsSubtype(ClassHeader type, Map<String, Boolean> known, ClassHeaders headers) {
        for (String supertype : type.supertypes()) {
            if (isKnownOrFoundSubtype(supertype, known, headers, false)) {
                return true;
            }
        }
        return false;
    }

    /** An interface never extends a class; a class does only through its superclass. */
    private boolean superclassIsSubtype(ClassHeader type, Map<String, Boolean> known, ClassHeaders headers) {
        String superclass = type.superclass();
        return !type.isInterface() && superclass != null && isKnownOrFoundSubtype(superclass, known, headers, true);
    }

    private boolean isKnownOrFoundSubtype(String name, Map<String, Boolean> known, ClassHeaders headers,
                                          boolean classesOnly) {
        Boolean answer = answersAbout(name, known).get(name);
        return answer == null ? isSubtype(name, null, known, headers, classesOnly) : answer;
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
