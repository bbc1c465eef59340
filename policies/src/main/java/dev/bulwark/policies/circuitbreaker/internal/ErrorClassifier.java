package dev.bulwark.policies.circuitbreaker.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sorts a thrown error into recorded, not recorded or ignored, by the class names a config lists.
 *
 * <p>Names, not classes, because the policy file names classes the agent cannot load. Each error class's answer is
 * computed once, by walking its superclasses and interfaces, and kept with the class, so the per-call cost is
 * one {@link ClassValue} lookup.
 */
final class ErrorClassifier extends ClassValue<ErrorClassifier.Verdict> {

    /** What an error counts as. */
    enum Verdict {
        /** A failure. */
        RECORDED,
        /** A success: a record list was given and does not name it. */
        NOT_RECORDED,
        /** Nothing: the permission is released. */
        IGNORED
    }

    private final Set<String> recorded;
    private final Set<String> ignored;

    ErrorClassifier(List<String> recordExceptions, List<String> ignoreExceptions) {
        this.recorded = Set.copyOf(recordExceptions);
        this.ignored = Set.copyOf(ignoreExceptions);
    }

    Verdict classify(Throwable error) {
        return get(error.getClass());
    }

    @Override
    protected Verdict computeValue(Class<?> type) {
        Set<String> names = new HashSet<>();
        collectNames(type, names);
        // Ignored wins over recorded, as in resilience4j, whose ignore check comes first.
        if (names.stream().anyMatch(ignored::contains)) {
            return Verdict.IGNORED;
        }
        if (recorded.isEmpty() || names.stream().anyMatch(recorded::contains)) {
            return Verdict.RECORDED;
        }
        return Verdict.NOT_RECORDED;
    }

    private static void collectNames(Class<?> type, Set<String> names) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (names.add(c.getName())) {
                for (Class<?> implemented : c.getInterfaces()) {
                    collectNames(implemented, names);
                }
            }
        }
    }
}
