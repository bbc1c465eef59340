package dev.bulwark.agent.matching;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Turns a {@link MethodPattern} into matchers of type names and of methods as class files declare them. Abstract
 * and native methods are never matched: advice cannot run in them, so a pattern naming an interface method is
 * applied to its implementations. Nor are bridges and other compiler-generated methods, which call the method
 * the source declares.
 */
public final class MethodMatchers {

    private MethodMatchers() {
    }

    /** @return whether a binary type name is TYPE itself; a plain comparison when TYPE has no wildcard */
    public static Predicate<String> typeName(MethodPattern pattern) {
        String exact = exactTypeName(pattern);
        if (exact != null) {
            return exact::equals;
        }
        Pattern type = pattern.typeRegex();
        return name -> type.matcher(name).matches();
    }

    /**
     * @return whether a binary type name is the TYPE of any of {@code patterns}: one set lookup for the names
     *     without wildcards, and a regular expression for each of the others
     */
    public static Predicate<String> anyTypeName(Collection<MethodPattern> patterns) {
        Set<String> exact = new HashSet<>();
        List<Pattern> wildcards = new ArrayList<>();
        for (MethodPattern pattern : patterns) {
            String name = exactTypeName(pattern);
            if (name != null) {
                exact.add(name);
            } else {
                wildcards.add(pattern.typeRegex());
            }
        }
        Set<String> exactNames = Set.copyOf(exact);
        List<Pattern> typeRegexes = List.copyOf(wildcards);
        return name -> exactNames.contains(name) || matchesAny(typeRegexes, name);
    }

    private static boolean matchesAny(List<Pattern> regexes, String name) {
        for (Pattern regex : regexes) {
            if (regex.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    /** @return TYPE when it names one type, without wildcards; {@code null} otherwise */
    public static String exactTypeName(MethodPattern pattern) {
        return pattern.typeName().indexOf('*') < 0 ? pattern.typeName() : null;
    }

    /** @return matches the methods with a body named METHOD with PARAMS */
    public static Predicate<MethodOutline> methods(MethodPattern pattern) {
        Pattern name = pattern.methodRegex();
        List<String> parameters = pattern.parameterTypes().orElse(null);
        return method -> method.isMethod() && !method.hasNoBody() && !method.isGenerated()
                && name.matcher(method.name()).matches()
                && (parameters == null || parameters.equals(method.parameterTypeNames()));
    }
}
