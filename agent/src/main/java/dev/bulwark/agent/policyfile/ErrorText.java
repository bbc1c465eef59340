package dev.bulwark.agent.policyfile;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns Jackson's exceptions into the errors people read: {@code file:line:column: path: what is wrong and what
 * is allowed}, in our words rather than Jackson's.
 */
final class ErrorText {

    private ErrorText() {
    }

    /**
     * An error: where it is, for ordering, and what it says.
     *
     * @param location its position, {@link JsonLocation#NA} when unknown
     * @param where {@code file:line:column}, or the file alone
     * @param what {@code path: what is wrong and what is allowed}
     */
    record Described(JsonLocation location, String where, String what) {
        boolean isPlaced() {
            return location.getLineNr() >= 1;
        }

        String text() {
            return where + ": " + what;
        }
    }

    /**
     * @param base where the part that {@code e} came from sits in the file, for a part bound on its own
     * @return the error, placed at its key where the file allows
     */
    static Described describe(Path file, byte[] content, JsonProcessingException e, JsonPointer base) {
        JsonLocation location = e.getLocation();
        String path = "";
        if (e instanceof StreamReadException && e.getProcessor() instanceof JsonParser) {
            path = JsonPaths.readable(((JsonParser) e.getProcessor()).getParsingContext().pathAsPointer());
        } else if (e instanceof JsonMappingException) {
            JsonMappingException mapping = (JsonMappingException) e;
            JsonPointer pointer = base.append(JsonPaths.pointer(mapping));
            path = JsonPaths.readable(pointer);
            if (!pointer.matches() && !(mapping.getCause() instanceof StreamReadException)) {
                // A syntax error is where Jackson says; a mapping error is best shown at its key. A part bound on
                // its own has no position of its own in the file.
                location = JsonPaths.locate(content, pointer).orElse(base.matches() ? location : null);
            }
        }
        boolean placed = location != null && location.getLineNr() >= 1;
        String where = file + (placed ? ":" + location.getLineNr() + ":" + location.getColumnNr() : "");
        return new Described(placed ? location : JsonLocation.NA, where, (path.isEmpty() ? "" : path + ": ")
                + problem(e));
    }

    private static String problem(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            UnrecognizedPropertyException unknown = (UnrecognizedPropertyException) e;
            Collection<String> allowed = names(unknown.getKnownPropertyIds());
            String suggestion = Suggestions.closest(unknown.getPropertyName(), allowed)
                    .map(closest -> " (did you mean \"" + closest + "\"?)").orElse("");
            return "unknown key \"" + unknown.getPropertyName() + "\"" + suggestion + "; allowed keys: "
                    + String.join(", ", allowed);
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return e.getCause().getMessage();
        }
        if (e instanceof MismatchedInputException && ((MismatchedInputException) e).getTargetType() != null) {
            Class<?> type = ((MismatchedInputException) e).getTargetType();
            if (type.isEnum()) {
                return "expected " + oneOf(type, e instanceof InvalidFormatException
                        ? ((InvalidFormatException) e).getValue() : null);
            }
            return "expected " + expected(type);
        }
        return e.getOriginalMessage();
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "a whole number such as 20, without quotes";
        }
        if (type == Double.class || type == double.class) {
            return "a number such as 0.5, without quotes";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false, without quotes";
        }
        if (type == String.class) {
            return "a string in double quotes";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list in square brackets";
        }
        return "an object in curly braces";
    }

    /** @return the enum's names as the file writes them, and a hint when {@code found} is close to one */
    private static String oneOf(Class<?> type, Object found) {
        List<String> names = new ArrayList<>();
        for (Field constant : type.getFields()) {
            if (constant.isEnumConstant()) {
                JsonProperty renamed = constant.getAnnotation(JsonProperty.class);
                names.add(renamed != null ? renamed.value() : constant.getName());
            }
        }
        String allowed = names.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(", "));
        if (!(found instanceof String)) {
            return "one of " + allowed;
        }
        String suggestion = Suggestions.closest((String) found, names)
                .map(closest -> " (did you mean \"" + closest + "\"?)").orElse("");
        return "one of " + allowed + ", was \"" + found + "\"" + suggestion;
    }

    private static Collection<String> names(Collection<Object> ids) {
        TreeSet<String> names = new TreeSet<>();
        ids.forEach(id -> names.add(String.valueOf(id)));
        return names;
    }
}
