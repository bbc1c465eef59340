package dev.bulwark.agent.instrument;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

import java.util.List;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Chooses the exception a rejected call throws, among the types its method declares, so that the application's
 * existing handling applies: a connection-level failure for JDBC and I/O, otherwise the first declared checked
 * exception that takes a message.
 */
final class RejectionTypes {
    private static final String SQL_REJECTION = "java.sql.SQLTransientConnectionException";
    private static final Set<String> SQL_FAMILY = Set.of(
            "java.sql.SQLException", "java.sql.SQLTransientException", SQL_REJECTION);
    private static final String IO_REJECTION = "java.net.ConnectException";
    private static final Set<String> IO_FAMILY = Set.of("java.io.IOException", "java.net.SocketException", IO_REJECTION);

    private RejectionTypes() {
    }

    /** @return the exception class name, or {@code null} for Bulwark's own unchecked rejection */
    static String choose(MethodDescription method) {
        List<TypeDescription> declared = method.getExceptionTypes().asErasures();
        if (declared.stream().anyMatch(type -> SQL_FAMILY.contains(type.getName()))) {
            return SQL_REJECTION;
        }
        if (declared.stream().anyMatch(type -> IO_FAMILY.contains(type.getName()))) {
            return IO_REJECTION;
        }
        return declared.stream()
                .filter(RejectionTypes::isCheckedWithMessageConstructor)
                .map(TypeDescription::getName)
                .findFirst()
                .orElse(null);
    }

    private static boolean isCheckedWithMessageConstructor(TypeDescription type) {
        return !type.isAssignableTo(RuntimeException.class)
                && !type.isAssignableTo(Error.class)
                && !type.isAbstract()
                && !type.getDeclaredMethods()
                        .filter(isConstructor().and(isPublic()).and(takesArguments(String.class)))
                        .isEmpty();
    }
}
