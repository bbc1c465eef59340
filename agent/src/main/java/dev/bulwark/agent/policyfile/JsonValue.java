package dev.bulwark.agent.policyfile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A JSON value of the policy file as written, with where it stands, so that the binder can name the place of every
 * mistake. It is also what a fallback's {@code value} holds. Equal values are equal whatever their place.
 */
public final class JsonValue {
    /** The JSON types, integers apart from fractions because a whole-number setting takes only the first. */
    enum Kind { OBJECT, ARRAY, STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    private final Kind kind;
    /** A String, BigInteger, Double or Boolean; {@code null} for the other kinds. */
    private final Object scalar;
    private final List<JsonValue> elements;
    private final Map<String, JsonValue> members;
    private final String path;
    private final JsonLocation start;
    private final JsonLocation place;
    private final JsonLocation end;

    private JsonValue(Kind kind, Object scalar, List<JsonValue> elements, Map<String, JsonValue> members, String path,
                      JsonLocation start, JsonLocation place, JsonLocation end) {
        this.kind = kind;
        this.scalar = scalar;
        this.elements = elements;
        this.members = members;
        this.path = path;
        this.start = start;
        this.place = place;
        this.end = end;
    }

    static JsonValue scalar(Kind kind, Object scalar, String path, JsonLocation start, JsonLocation place) {
        return new JsonValue(kind, scalar, List.of(), Map.of(), path, start, place, start);
    }

    static JsonValue array(List<JsonValue> elements, String path, JsonLocation start, JsonLocation place,
                           JsonLocation end) {
        return new JsonValue(Kind.ARRAY, null, List.copyOf(elements), Map.of(), path, start, place, end);
    }

    /** @param members in the order of the file; keys are distinct, the reader refuses duplicates */
    static JsonValue object(Map<String, JsonValue> members, String path, JsonLocation start, JsonLocation place,
                            JsonLocation end) {
        return new JsonValue(Kind.OBJECT, null, List.of(), Collections.unmodifiableMap(members), path, start, place,
                end);
    }

    /** @return whether this is JSON {@code null}, which a fallback returns as {@code null} */
    public boolean isNull() {
        return kind == Kind.NULL;
    }

    Kind kind() {
        return kind;
    }

    Object scalar() {
        return scalar;
    }

    List<JsonValue> elements() {
        return elements;
    }

    Map<String, JsonValue> members() {
        return members;
    }

    /** @return the path as people read it, such as {@code policies[0].retry}; empty for the whole file */
    String path() {
        return path;
    }

    /** @return where the value itself starts */
    JsonLocation start() {
        return start;
    }

    /** @return where a mistake in this value is shown: at its key in an object, else where it starts */
    JsonLocation place() {
        return place;
    }

    /** @return where an object or array closes; where a scalar starts */
    JsonLocation end() {
        return end;
    }

    /**
     * The value as plain Java, which boot-path code can hold: the runtime cannot see the agent's classes.
     *
     * @return {@code null}, a Boolean, Long, Double, String, or an empty List or Map
     * @throws IllegalArgumentException for an integer beyond a long, or a non-empty array or object
     */
    Object plain() {
        switch (kind) {
            case NULL: return null;
            case BOOLEAN: case STRING: case FLOAT: return scalar;
            case INTEGER:
                if (((BigInteger) scalar).bitLength() > 63) {
                    throw new IllegalArgumentException("\"value\" " + scalar + " is beyond the range of a long");
                }
                return ((BigInteger) scalar).longValue();
            default:
                if (elements.isEmpty() && members.isEmpty()) {
                    return kind == Kind.ARRAY ? List.of() : Map.of();
                }
                throw new IllegalArgumentException("\"value\" may be null, a boolean, a number, a string, [] or {}; "
                        + "a non-empty array or object is not allowed");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonValue that && kind == that.kind && Objects.equals(scalar, that.scalar)
                && elements.equals(that.elements) && members.equals(that.members);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, scalar, elements, members);
    }

    /** @return the value as JSON text, such as {@code "unknown"}, {@code 0}, {@code null} or {@code []} */
    @Override
    public String toString() {
        switch (kind) {
            case NULL: return "null";
            case STRING: return quoted((String) scalar);
            case ARRAY: return elements.stream().map(JsonValue::toString).collect(Collectors.joining(",", "[", "]"));
            case OBJECT: return members.entrySet().stream()
                    .map(member -> quoted(member.getKey()) + ":" + member.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
            default: return String.valueOf(scalar);
        }
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
