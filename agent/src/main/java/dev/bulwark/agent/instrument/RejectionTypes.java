package dev.bulwark.agent.instrument;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.type.TypeList;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Chooses the exceptions a rejected or timed-out call throws so that the application's existing handling applies: a
 * connection-level failure for JDBC and I/O, otherwise the first declared checked exception that takes a message.
 *
 * <p>Exceptions declared by the methods it overrides count too: callers often call through an interface whose
 * method declares more than the implementation does ({@code throws IOException} on the interface, none on the class).
 */
final class RejectionTypes {
    private static final String SQL_REJECTION = "java.sql.SQLTransientConnectionException";
    private static final Set<String> SQL_FAMILY = Set.of(
            "java.sql.SQLException", "java.sql.SQLTransientException", SQL_REJECTION);
    private static final String IO_REJECTION = "java.net.ConnectException";
    private static final Set<String> IO_FAMILY = Set.of("java.io.IOException", "java.net.SocketException", IO_REJECTION);
    private static final String SQL_TIMEOUT = "java.sql.SQLTimeoutException";
    private static final String IO_TIMEOUT = "java.net.SocketTimeoutException";
    private static final String HTTP_TIMEOUT = "java.net.http.HttpTimeoutException";
    private static final String HTTP_CLIENT = "java.net.http.HttpClient";
    private static final String STAGE_TIMEOUT = "java.util.concurrent.TimeoutException";
    private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";
    private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";

    private RejectionTypes() {
    }

    /** @return the exception class name, or {@code null} for Bulwark's own unchecked rejection */
    static String choose(TypeDescription type, MethodDescription method) {
        if (returnsStage(method)) {
            // Delivered through the stage, so it need not be declared: the API's own failure where there is one.
            return isHttpClient(type) ? IO_REJECTION : null;
        }
        return choose(declaredExceptions(type, method));
    }

    /**
     * Chooses the exception a timed-out call throws: the timeout of the method's own API where there is one
     * ({@code HttpTimeoutException} for the JDK's HTTP client, {@code SQLTimeoutException} for JDBC,
     * {@code SocketTimeoutException} for other I/O, {@code TimeoutException} for another method returning a stage),
     * otherwise as for a rejection.
     *
     * @return the exception class name, or {@code null} for Bulwark's own unchecked timeout
     */
    static String chooseForTimeout(TypeDescription type, MethodDescription method) {
        if (returnsStage(method)) {
            return isHttpClient(type) ? HTTP_TIMEOUT : STAGE_TIMEOUT;
        }
        List<TypeDescription> declared = declaredExceptions(type, method);
        if (declared.stream().anyMatch(exception -> SQL_FAMILY.contains(exception.getName()))) {
            return SQL_TIMEOUT;
        }
        if (declared.stream().anyMatch(exception -> IO_FAMILY.contains(exception.getName()))) {
            return isHttpClient(type) ? HTTP_TIMEOUT : IO_TIMEOUT;
        }
        return choose(declared);
    }

    private static boolean returnsStage(MethodDescription method) {
        String returned = method.getReturnType().asErasure().getName();
        return returned.equals(COMPLETION_STAGE) || returned.equals(COMPLETABLE_FUTURE);
    }

    private static boolean isHttpClient(TypeDescription type) {
        for (TypeDefinition current = type; current != null; current = current.getSuperClass()) {
            if (current.asErasure().getName().equals(HTTP_CLIENT)) {
                return true;
            }
        }
        return false;
    }

    private static String choose(List<TypeDescription> declared) {
        if (declared.stream().anyMatch(exception -> SQL_FAMILY.contains(exception.getName()))) {
            return SQL_REJECTION;
        }
        if (declared.stream().anyMatch(exception -> IO_FAMILY.contains(exception.getName()))) {
            return IO_REJECTION;
        }
        return declared.stream()
                .filter(RejectionTypes::isCheckedWithMessageConstructor)
                .map(TypeDescription::getName)
                .findFirst()
                .orElse(null);
    }

    /** The method's own declared exceptions, then those of the methods it overrides, nearest first. */
    private static List<TypeDescription> declaredExceptions(TypeDescription type, MethodDescription method) {
        List<TypeDescription> declared = new ArrayList<>(method.getExceptionTypes().asErasures());
        TypeList parameters = method.getParameters().asTypeList().asErasures();
        Deque<TypeDefinition> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        addSupertypes(type, pending);
        while (!pending.isEmpty()) {
            TypeDefinition supertype = pending.removeFirst();
            if (!seen.add(supertype.asErasure().getName())) {
                continue;
            }
            for (MethodDescription candidate : supertype.getDeclaredMethods()) {
                if (candidate.getName().equals(method.getName())
                        && candidate.getParameters().asTypeList().asErasures().equals(parameters)) {
                    declared.addAll(candidate.getExceptionTypes().asErasures());
                }
            }
            addSupertypes(supertype, pending);
        }
        return declared;
    }

    private static void addSupertypes(TypeDefinition type, Deque<TypeDefinition> pending) {
        if (type.getSuperClass() != null) {
            pending.addLast(type.getSuperClass());
        }
        type.getInterfaces().forEach(pending::addLast);
    }

    private static boolean isCheckedWithMessageConstructor(TypeDescription type) {
        // An InterruptedException tells the caller to stop its thread's work, which a rejection must not suggest.
        return !type.isAssignableTo(InterruptedException.class)
                && !type.isAssignableTo(RuntimeException.class)
                && !type.isAssignableTo(Error.class)
                && !type.isAbstract()
                && !type.getDeclaredMethods()
                        .filter(isConstructor().and(isPublic()).and(takesArguments(String.class)))
                        .isEmpty();
    }
}
