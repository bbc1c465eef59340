package dev.bulwark.agent.cli;

import dev.bulwark.agent.instrument.IgnoredTypes;
import dev.bulwark.agent.matching.MethodPattern;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * What a method pattern will advise, as far as the validating JVM can tell: JDK types are known here, an
 * application's types are only known inside the application.
 */
final class PatternSummary {

    private PatternSummary() {
    }

    static String of(MethodPattern pattern) {
        if (pattern.typeName().contains("*")) {
            return "types matching " + pattern.typeName() + " and their subtypes; resolved as the application loads them";
        }
        Class<?> type;
        try {
            type = Class.forName(pattern.typeName(), false, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError notHere) {
            return pattern.typeName() + " is not on this class path; resolved as the application loads it";
        }
        if (IgnoredTypes.isIgnored(type.getName())) {
            return "WARNING: Bulwark never advises " + type.getName() + ", a JDK class it runs on itself; "
                    + "the pattern will match nothing";
        }
        long methods;
        try {
            methods = Arrays.stream(type.getMethods())
                    .filter(method -> pattern.methodRegex().matcher(method.getName()).matches())
                    .filter(method -> pattern.parameterTypes().map(expected -> parametersAre(method, expected))
                            .orElse(true))
                    .count();
        } catch (LinkageError incomplete) {
            return type.getName() + " cannot be inspected here; resolved as the application loads it";
        }
        if (methods == 0) {
            return "note: " + type.getName() + " has no public method matching " + pattern.methodName()
                    + "; only its subtypes' own methods can match";
        }
        String kind = type.isInterface() ? "interface" : Modifier.isAbstract(type.getModifiers()) ? "abstract class"
                : "class";
        return methods + " public method(s) of " + kind + " " + type.getName()
                + (type.isInterface() ? ", advised in every implementation" : ", and in every subclass");
    }

    private static boolean parametersAre(Method method, java.util.List<String> expected) {
        return Arrays.stream(method.getParameterTypes()).map(Class::getTypeName).toList().equals(expected);
    }
}
