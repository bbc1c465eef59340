package dev.bulwark.agent.matching;

import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Remembers, per class loader, which type names are (or are not) subtypes of a pattern's type, so that matching a
 * class walks only the part of its hierarchy no earlier class shared. A cheap filter before the exact matcher.
 *
 * <p>A name seen through a class loader always means the same class there (the JVM's loader constraints), so
 * the answer for a supertype found while matching one class holds for every later class of that loader. The walk
 * uses erasures only: a type is a subtype by its raw supertypes, whatever their type arguments.
 */
public final class SubtypeMemo {
    private final Predicate<String> typeName;
    private final PerClassLoader<Map<String, Boolean>> answers = new PerClassLoader<>(ConcurrentHashMap::new);

    /** @param typeName whether a type's name is the pattern's type */
    public SubtypeMemo(Predicate<String> typeName) {
        this.typeName = typeName;
    }

    /**
     * @param type a type seen through {@code loader}
     * @param loader the class loader defining or retransforming {@code type}, {@code null} for the boot loader
     * @return {@code false} only when neither {@code type} nor any of its supertypes has the pattern's type name;
     *         {@code true} also when a supertype cannot be read, so that the exact matcher decides
     */
    public boolean mayMatch(TypeDescription type, ClassLoader loader) {
        try {
            return isSubtype(type, answers.get(loader));
        } catch (RuntimeException | LinkageError unreadable) {
            return true;
        }
    }

    private boolean isSubtype(TypeDefinition type, Map<String, Boolean> answers) {
        String name = type.getActualName();
        Boolean known = answers.get(name);
        if (known != null) {
            return known;
        }
        boolean subtype = typeName.test(name) || anySupertypeIsSubtype(type, answers);
        // Only settled answers are kept: an exception above leaves nothing behind.
        answers.put(name, subtype);
        return subtype;
    }

    private boolean anySupertypeIsSubtype(TypeDefinition type, Map<String, Boolean> answers) {
        TypeDescription.Generic superClass = type.getSuperClass();
        if (superClass != null && isSubtype(superClass.asErasure(), answers)) {
            return true;
        }
        for (TypeDescription implemented : type.getInterfaces().asErasures()) {
            if (isSubtype(implemented, answers)) {
                return true;
            }
        }
        return false;
    }
}
