package dev.bulwark.agent.reload;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Turns a fallback value from the policy file into plain Java, which boot-path code can hold: the runtime cannot
 * see Jackson, which is shaded into the agent.
 */
final class FallbackJson {

    private FallbackJson() {
    }

    /**
     * @param value the {@code fallback.value} node
     * @return {@code null}, a Boolean, Long, Double, String, or an empty List or Map
     * @throws IllegalArgumentException for a non-empty array or object, which no return type takes
     */
    static Object toPlainValue(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            if (!value.canConvertToLong()) {
                throw new IllegalArgumentException("the fallback value " + value + " is out of any integer's range");
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
        throw new IllegalArgumentException("a fallback value may be an empty array or object, not " + value);
    }
}
