package dev.bulwark.agent.matching;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Turns a {@link MethodPattern} into ByteBuddy matchers. Abstract and native methods are never matched: advice
 * cannot run in them, so a pattern naming an interface method is applied to its implementations.
 */
public final class MethodMatchers {

    private MethodMatchers() {
    }

    /** @return matches TYPE itself and every subtype and implementation of it */
    public static ElementMatcher.Junction<TypeDescription> types(MethodPattern pattern) {
        Predicate<String> typeName = typeName(pattern);
        return hasSuperType(candidate -> typeName.test(candidate.getActualName()));
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

    /** @return TYPE when it names one type, without wildcards; {@code null} otherwise */
    public static String exactTypeName(MethodPattern pattern) {
        return pattern.typeName().indexOf('*') < 0 ? pattern.typeName() : null;
    }

    /** @return matches the concrete methods named METHOD with PARAMS */
    public static ElementMatcher.Junction<MethodDescription> methods(MethodPattern pattern) {
        Pattern name = pattern.methodRegex();
        ElementMatcher.Junction<MethodDescription> matcher = isMethod()
                .and(not(isAbstract()))
                .and(not(isNative()))
                .and(not(isBridge()))
                .and(not(isSynthetic()))
                .and(method -> name.matcher(method.getName()).matches());
        if (pattern.parameterTypes().isEmpty()) {
            return matcher;
        }
        List<String> parameters = pattern.parameterTypes().get();
        return matcher.and(takesArguments(parameters.size()))
                .and(method -> parameterNamesMatch(method, parameters));
    }

    private static boolean parameterNamesMatch(MethodDescription method, List<String> expected) {
        for (int i = 0; i < expected.size(); i++) {
            String actual = method.getParameters().get(i).getType().asErasure().getActualName();
            if (!actual.equals(expected.get(i))) {
                return false;
            }
        }
        return true;
    }
}
