package dev.bulwark.policies.retry.internal;

import java.util.List;
import java.util.Set;

/**
 * Decides by class name whether an error may be retried, so that the policy file can name classes the agent
 * never loads. Each class is decided once and the answer kept with the class.
 */
public final class ExceptionClassifier {
    private final Set<String> retry;
    private final Set<String> ignore;
    private final ClassValue<Boolean> retryable = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return decide(type);
        }
    };

    /**
     * @param retryExceptions names of errors to retry, subclasses included; empty means every error
     * @param ignoreExceptions names of errors never to retry, subclasses included; they win over the retry list
     */
    public ExceptionClassifier(List<String> retryExceptions, List<String> ignoreExceptions) {
        this.retry = Set.copyOf(retryExceptions);
        this.ignore = Set.copyOf(ignoreExceptions);
    }

    /** @return whether {@code error} may be retried */
    public boolean isRetryable(Throwable error) {
        return retryable.get(error.getClass());
    }

    private boolean decide(Class<?> type) {
        boolean listed = retry.isEmpty();
        // Superclasses only: an error's identity is its class chain; interfaces on exceptions are rare and ad hoc.
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (ignore.contains(c.getName())) {
                return false;
            }
            listed |= retry.contains(c.getName());
        }
        return listed;
    }
}
