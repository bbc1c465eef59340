package dev.bulwark.runtime.outcome;

import dev.bulwark.runtime.log.BulwarkLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.Flow;

/**
 * Releases a resource a call returned when its guard drops it: a result that came back after the call's deadline,
 * one {@code failWhen} counted as failed before a retry, or one a fallback replaced. The caller never sees such a
 * result, so nothing else would close it: a pooled JDBC connection would stay checked out of its pool for good, and
 * an HTTP response's unread body stream would hold its connection open.
 *
 * <p>Only results that such methods normally hand over to their caller are released: JDBC's connections,
 * statements and result sets, and the body of a {@code java.net.http.HttpResponse} when it is a stream or a
 * publisher. Any other result is left alone, since it may be shared (a method that returns a cached client, say).
 * A policy on a method that shares the JDBC object it returns turns this off ({@code releaseDroppedResults}).
 * The JDK types are matched by name: {@code java.sql} and {@code java.net.http} are modules the boot class path
 * cannot link against.
 */
public final class DroppedResults {
    private static final String HTTP_RESPONSE = "java.net.http.HttpResponse";
    // JDBC's resources, closed; an HTTP response, whose body is released.
    private static final Set<String> RELEASED_TYPES = Set.of("java.sql.Connection", "java.sql.Statement",
            "java.sql.ResultSet", HTTP_RESPONSE);
    private static final String SQL_EXCEPTION = "java.sql.SQLException";

    /** What releasing a result of a type means: nothing ({@code null}), closing it, or releasing its body. */
    private static final ClassValue<Release> RELEASES = new ClassValue<>() {
        @Override
        protected Release computeValue(Class<?> type) {
            return releaseOf(type);
        }
    };

    private DroppedResults() {
    }

    /**
     * Releases {@code result} if it is a resource only its caller could release; never throws.
     *
     * @param result what the call returned and its guard dropped; may be {@code null}
     */
    public static void release(Object result) {
        if (result == null) {
            return;
        }
        try {
            Release release = RELEASES.get(result.getClass());
            if (release != null) {
                release.of(result);
            }
        } catch (Throwable unreleasable) {
            Throwable cause = unreleasable instanceof InvocationTargetException ? unreleasable.getCause()
                    : unreleasable;
            // A resource that fails as it closes (a broken connection) has nothing more to give back, and the caller,
            // who never saw it, has nothing to learn from that. Any other failure is Bulwark's, and is reported.
            if (!(cause instanceof IOException) && !(cause instanceof UncheckedIOException) && !isSqlException(cause)) {
                BulwarkLog.internalFault("releasing a result its policy kept from the caller", unreleasable,
                        "that result may stay open");
            }
        }
    }

    private static boolean isSqlException(Throwable failure) {
        for (Class<?> type = failure == null ? null : failure.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(SQL_EXCEPTION)) {
                return true;
            }
        }
        return false;
    }

    private static Release releaseOf(Class<?> type) {
        Class<?> resource = JdkInterfaces.implemented(type, RELEASED_TYPES);
        if (resource == null) {
            return null;
        }
        if (!resource.getName().equals(HTTP_RESPONSE)) {
            return result -> ((AutoCloseable) result).close();
        }
        try {
            Method body = resource.getMethod("body");
            return response -> releaseBody(body.invoke(response));
        } catch (NoSuchMethodException impossible) {
            return null;
        }
    }

    /** A body read in full (a string, bytes, a file) holds nothing; a stream or a publisher holds the connection. */
    private static void releaseBody(Object body) throws Exception {
        if (body instanceof AutoCloseable) {
            ((AutoCloseable) body).close();
        } else if (body instanceof Flow.Publisher) {
            ((Flow.Publisher<?>) body).subscribe(new CancellingSubscriber());
        }
    }

    @FunctionalInterface
    private interface Release {
        void of(Object result) throws Exception;
    }

    /** Cancels at once: the way to tell a response body's publisher that nobody will read it. */
    private static final class CancellingSubscriber implements Flow.Subscriber<Object> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(Object item) {
        }

        @Override
        public void onError(Throwable error) {
        }

        @Override
        public void onComplete() {
        }
    }
}
