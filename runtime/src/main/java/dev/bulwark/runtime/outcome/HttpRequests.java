package dev.bulwark.runtime.outcome;

import dev.bulwark.runtime.log.BulwarkLog;

import java.lang.reflect.Method;
import java.util.Set;

/**
 * Tells whether a {@code java.net.http.HttpRequest} may be sent again: only idempotent methods are retried, so a
 * retry never places an order twice. Reached by reflection, as {@link HttpStatusClassifier} explains.
 */
public final class HttpRequests {
    /** The first parameter type that marks a method as sending an HTTP request. */
    public static final String REQUEST_TYPE = "java.net.http.HttpRequest";
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

    private static final ClassValue<Method> METHOD = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            for (Class<?> current = type; current != null; current = current.getSuperclass()) {
                if (current.getName().equals(REQUEST_TYPE)) {
                    try {
                        return current.getMethod("method");
                    } catch (NoSuchMethodException impossible) {
                        return null;
                    }
                }
            }
            return null;
        }
    };

    private HttpRequests() {
    }

    /**
     * @param arguments a call's arguments, whose first is the request; {@code null} when the advice did not pass them
     * @return whether the request's method is idempotent; {@code false} when that cannot be told
     */
    public static boolean isIdempotent(Object[] arguments) {
        if (arguments == null || arguments.length == 0 || arguments[0] == null) {
            return false;
        }
        Method method = METHOD.get(arguments[0].getClass());
        if (method == null) {
            return false;
        }
        try {
            return IDEMPOTENT.contains((String) method.invoke(arguments[0]));
        } catch (ReflectiveOperationException | RuntimeException e) {
            BulwarkLog.internalFault("reading the method of an HTTP request", e,
                    "the request counts as not idempotent and is not sent again");
            return false;
        }
    }
}
