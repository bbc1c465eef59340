package dev.bulwark.agent.policyfile;

/**
 * A policy's {@code fallback} block: what a call that failed or was rejected returns instead, in exactly one form.
 * It has no defaults. Only the accessor of the form written is non-null.
 *
 * @param throwing {@code "throw"}: the fully qualified name of the exception to throw instead
 * @param value {@code "value"}: the JSON value to return, {@link JsonValue#isNull()} for {@code null}; its conversion to the
 *     method's return type is checked when a method is advised
 * @param cached {@code "cached"}: the method's last result for the same arguments
 */
public record FallbackSettings(
        @FileKey("throw") @ClassNames String throwing,
        JsonValue value,
        CachedFallbackSettings cached) {

    static final String ONE_FORM = "give exactly one of \"throw\", \"value\" or \"cached\"";

    /**
     * Checks that at most one form is given. A block with none is reported once the file has bound, so that an
     * unknown key, which explains more, is reported first.
     */
    public FallbackSettings {
        int forms = (throwing != null ? 1 : 0) + (value != null ? 1 : 0) + (cached != null ? 1 : 0);
        if (forms > 1) {
            throw new IllegalArgumentException(ONE_FORM + ", found " + forms);
        }
        if (value != null) {
            // Only what some return type can take; which one the method has is checked when it is advised.
            value.plain();
        }
    }

    boolean hasForm() {
        return throwing != null || value != null || cached != null;
    }

    FallbackSettings complete() {
        return cached == null ? this : new FallbackSettings(null, null, cached.complete());
    }

    /**
     * The {@code value} as plain Java, which boot-path code can hold: the runtime cannot see the agent's classes.
     *
     * @return {@code null}, a Boolean, Long, Double, String, or an empty List or Map
     * @throws IllegalArgumentException for an integer beyond a long, or a non-empty array or object, which no
     *     return type takes
     */
    public Object plainValue() {
        if (value == null) {
            throw new IllegalStateException("this fallback has no value");
        }
        return value.plain();
    }
}
