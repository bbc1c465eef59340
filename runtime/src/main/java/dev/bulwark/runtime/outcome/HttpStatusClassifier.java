package dev.bulwark.runtime.outcome;

import dev.bulwark.runtime.log.BulwarkLog;

import java.lang.reflect.Method;
import java.util.Collection;

/**
 * Counts a {@code java.net.http.HttpResponse} with a listed status code as a failure. The response type is reached
 * by reflection: it lives in the {@code java.net.http} module, which boot-path code cannot link against.
 */
public final class HttpStatusClassifier implements ResultClassifier {
    private static final String HTTP_RESPONSE = "java.net.http.HttpResponse";
    private static final int MAX_STATUS = 599;

    private static final ClassValue<Method> STATUS_CODE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return statusCodeOf(type);
        }
    };

    private final boolean[] failing = new boolean[MAX_STATUS + 1];

    /** @param statuses status codes, 100 to 599, that make a response a failure */
    public HttpStatusClassifier(Collection<Integer> statuses) {
        statuses.forEach(status -> failing[status] = true);
    }

    @Override
    public boolean isFailure(Object result) {
        if (result == null) {
            return false;
        }
        Method statusCode = STATUS_CODE.get(result.getClass());
        if (statusCode == null) {
            return false;
        }
        try {
            int status = (Integer) statusCode.invoke(result);
            return status >= 0 && status <= MAX_STATUS && failing[status];
        } catch (ReflectiveOperationException | RuntimeException e) {
            BulwarkLog.internalFault("reading the status code of an HTTP response", e);
            return false;
        }
    }

    /** The interface method, found through the type's hierarchy; {@code null} when the type is not a response. */
    private static Method statusCodeOf(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Class<?> implemented : current.getInterfaces()) {
                if (implemented.getName().equals(HTTP_RESPONSE)) {
                    try {
                        return implemented.getMethod("statusCode");
                    } catch (NoSuchMethodException impossible) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}
