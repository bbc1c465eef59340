package dev.bulwark.agent.policyfile;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.List;
import java.util.Map;

/**
 * A policy's {@code fallback} block: what a call that failed or was rejected returns instead, in exactly one form.
 * It has no defaults. Only the accessor of the form written is non-null.
 *
 * @param throwing {@code "throw"}: the fully qualified name of the exception to throw instead
 * @param value {@code "value"}: the JSON value to return, {@code NullNode} for {@code null}; its conversion to the
 *     method's return type is checked when a method is advised
 * @param cached {@code "cached"}: the method's last result for the same arguments
 */
public record FallbackSettings(
        @JsonProperty("throw") @JsonDeserialize(using = ClassNameText.Deserializer.class) String throwing,
        JsonNode value,
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
            plainValueOf(value);
        }
    }

    boolean hasForm() {
        return throwing != null || value != null || cached != null;
    }

    FallbackSettings complete() {
        return cached == null ? this : new FallbackSettings(null, null, cached.complete());
    }

    /**
     * The {@code value} as plain Java, which boot-path code can hold: the runtime cannot see Jackson, which is shaded
     * into the agent.
     *
     * @return {@code null}, a Boolean, Long, Double, String, or an empty List or Map
     * @throws IllegalArgumentException for a non-empty array or object, which no return type takes
     */
    public Object plainValue() {
        if (value == null) {
            throw new IllegalStateException("this fallback has no value");
        }
        return plainValueOf(value);
    }

    private static Object plainValueOf(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            if (!value.canConvertToLong()) {
                throw new IllegalArgumentException("\"value\" " + value + " is beyond the range of a long");
            }
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isEmpty()) {
            return value.isArray() ? List.of() : Map.of();
        }
        throw new IllegalArgumentException("\"value\" may be null, a boolean, a number, a string, [] or {}; "
                + "a non-empty array or object is not allowed");
    }
}
