package dev.bulwark.runtime.outcome;

import dev.bulwark.runtime.log.BulwarkLog;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Set;

/**
 * Counts a {@code java.net.http.HttpResponse} with a listed status code as a failure. The response type is reached
 * by reflection: it lives in the {@code java.net.http} module, which boot-path code cannot link against.
 */
public final class HttpStatusClassifier implements ResultClassifier {
    private static final Set<String> RESPONSE = Set.of("java.net.http.HttpResponse");
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
            BulwarkLog.internalFault("reading the status code of an HTTP response", e,
                    "the response counts as a success");
            return false;
        }
    }

    /** The interface method, found through the type's hierarchy; {@code null} when the type is not a response. */
    private static Method statusCodeOf(Class<?> type) {
        Class<?> response = JdkInterfaces.implemented(type, RESPONSE);
        if (response == null) {
            return null;
        }
        try {
            return response.getMethod("statusCode");
        } catch (NoSuchMethodException impossible) {
            return null;
        }
    }
}
