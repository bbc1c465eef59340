package dev.bulwark.runtime.outcome;

import java.util.Set;

/**
 * Finds which of some JDK interfaces a class implements, by name: the boot class path, where the runtime lives,
 * cannot link against modules such as {@code java.sql} and {@code java.net.http}.
 */
final class JdkInterfaces {

    private JdkInterfaces() {
    }

    /**
     * @param type a class
     * @param names binary names of interfaces
     * @return the first interface among {@code names} that {@code type} implements, directly, through a superclass
     *     or through another interface; {@code null} when it implements none
     */
    static Class<?> implemented(Class<?> type, Set<String> names) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Class<?> implemented : current.getInterfaces()) {
                Class<?> found = among(implemented, names);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Class<?> among(Class<?> type, Set<String> names) {
        if (names.contains(type.getName())) {
            return type;
        }
        for (Class<?> extended : type.getInterfaces()) {
            Class<?> found = among(extended, names);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
