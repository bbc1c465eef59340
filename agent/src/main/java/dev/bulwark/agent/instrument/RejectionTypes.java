package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.ClassOutline;
import dev.bulwark.agent.matching.ClassOutlines;
import dev.bulwark.agent.matching.MethodOutline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the exceptions a rejected or timed-out call throws so that the application's existing handling applies: a
 * connection-level failure for JDBC and I/O, otherwise the first declared checked exception that takes a message.
 *
 * <p>Exceptions declared by the methods it overrides count too: callers often call through an interface whose
 * method declares more than the implementation does ({@code throws IOException} on the interface, none on the class).
 * Supertypes and exceptions are judged from their class files, which are read, not loaded.
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
    // An InterruptedException tells the caller to stop its thread's work, which a rejection must not suggest.
    private static final Set<String> NOT_REJECTIONS = Set.of(
            "java.lang.InterruptedException", "java.lang.RuntimeException", "java.lang.Error");
    private static final String MESSAGE_CONSTRUCTOR = "(Ljava/lang/String;)V";

    private RejectionTypes() {
    }

    /**
     * @param type the class declaring {@code method}
     * @param outlines finds {@code type}'s supertypes and the exceptions, through {@code type}'s loader
     * @return the exception class name, or {@code null} for Bulwark's own unchecked rejection
     */
    static String choose(ClassOutline type, MethodOutline method, ClassOutlines outlines) {
        if (returnsStage(method)) {
            // Delivered through the stage, so it need not be declared: the API's own failure where there is one.
            return isHttpClient(type, outlines) ? IO_REJECTION : null;
        }
        return choose(declaredExceptions(type, method, outlines), outlines);
    }

    /**
     * Chooses the exception a timed-out call throws: the timeout of the method's own API where there is one
     * ({@code HttpTimeoutException} for the JDK's HTTP client, {@code SQLTimeoutException} for JDBC,
     * {@code SocketTimeoutException} for other I/O, {@code TimeoutException} for another method returning a stage),
     * otherwise as for a rejection.
     *
     * @return the exception class name, or {@code null} for Bulwark's own unchecked timeout
     */
    static String chooseForTimeout(ClassOutline type, MethodOutline method, ClassOutlines outlines) {
        if (returnsStage(method)) {
            return isHttpClient(type, outlines) ? HTTP_TIMEOUT : STAGE_TIMEOUT;
        }
        List<String> declared = declaredExceptions(type, method, outlines);
        if (declared.stream().anyMatch(SQL_FAMILY::contains)) {
            return SQL_TIMEOUT;
        }
        if (declared.stream().anyMatch(IO_FAMILY::contains)) {
            return isHttpClient(type, outlines) ? HTTP_TIMEOUT : IO_TIMEOUT;
        }
        return choose(declared, outlines);
    }

    private static boolean returnsStage(MethodOutline method) {
        String returned = method.returnTypeName();
        return returned.equals(COMPLETION_STAGE) || returned.equals(COMPLETABLE_FUTURE);
    }

    private static boolean isHttpClient(ClassOutline type, ClassOutlines outlines) {
        for (Optional<ClassOutline> current = Optional.of(type); current.isPresent();
                current = superclass(current.get(), outlines)) {
            if (current.get().name().equals(HTTP_CLIENT)) {
                return true;
            }
        }
        return false;
    }

    private static String choose(List<String> declared, ClassOutlines outlines) {
        if (declared.stream().anyMatch(SQL_FAMILY::contains)) {
            return SQL_REJECTION;
        }
        if (declared.stream().anyMatch(IO_FAMILY::contains)) {
            return IO_REJECTION;
        }
        return declared.stream()
                .filter(exception -> isCheckedWithMessageConstructor(exception, outlines))
                .findFirst()
                .orElse(null);
    }

    /** The method's own declared exceptions, then those of the methods it overrides, nearest first. */
    private static List<String> declaredExceptions(ClassOutline type, MethodOutline method, ClassOutlines outlines) {
        List<String> declared = new ArrayList<>(method.exceptions());
        Deque<String> pending = new ArrayDeque<>(type.header().supertypes());
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            Optional<ClassOutline> supertype = seen.add(name) ? outlines.find(name) : Optional.empty();
            if (supertype.isEmpty()) {
                continue;
            }
            for (MethodOutline candidate : supertype.get().methods()) {
                if (candidate.hasSameSignatureAs(method)) {
                    declared.addAll(candidate.exceptions());
                }
            }
            pending.addAll(supertype.get().header().supertypes());
        }
        return declared;
    }

    private static boolean isCheckedWithMessageConstructor(String exception, ClassOutlines outlines) {
        Optional<ClassOutline> type = outlines.find(exception);
        if (type.isEmpty() || type.get().isAbstract() || type.get().methods().stream().noneMatch(method ->
                method.name().equals("<init>") && method.isPublic()
                        && method.descriptor().equals(MESSAGE_CONSTRUCTOR))) {
            return false;
        }
        for (Optional<ClassOutline> current = type; current.isPresent(); current = superclass(current.get(), outlines)) {
            if (NOT_REJECTIONS.contains(current.get().name())) {
                return false;
            }
            if (current.get().name().equals("java.lang.Throwable")) {
                return true;
            }
        }
        // A superclass that cannot be read: whether it is checked cannot be told.
        return false;
    }

    private static Optional<ClassOutline> superclass(ClassOutline type, ClassOutlines outlines) {
        String superclass = type.header().superclass();
        return superclass == null || type.header().isInterface() ? Optional.empty() : outlines.find(superclass);
    }
}
