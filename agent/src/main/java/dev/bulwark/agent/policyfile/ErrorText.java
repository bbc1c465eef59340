package dev.bulwark.agent.policyfile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** The wording of policy file errors: what is wrong and what is allowed, in words people read. */
final class ErrorText {
    static final String NULL_NOT_ALLOWED = "null is not allowed; leave the key out to take its default";

    private ErrorText() {
    }

    /** @return {@code file:line:column: path: problem} for JSON that jackson-core cannot read */
    static String unreadable(Path file, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String path = e.getProcessor() instanceof JsonParser parser
                ? JsonPaths.readable(parser.getParsingContext().pathAsPointer()) : "";
        boolean placed = location != null && location.getLineNr() >= 1;
        return file + (placed ? ":" + location.getLineNr() + ":" + location.getColumnNr() : "") + ": "
                + (path.isEmpty() ? "" : path + ": ") + e.getOriginalMessage();
    }

    /** @return the problem of a key no block has, with the allowed keys and the likely one meant */
    static String unknownKey(String key, Collection<String> allowed) {
        String suggestion = Suggestions.closest(key, allowed)
                .map(closest -> " (did you mean \"" + closest + "\"?)").orElse("");
        return "unknown key \"" + key + "\"" + suggestion + "; allowed keys: " + String.join(", ", allowed);
    }

    /** @return what a value of {@code type} is written as, after "expected " */
    static String expected(Class<?> type) {
        if (type == Integer.class) {
            return "a whole number such as 20, without quotes";
        }
        if (type == Double.class) {
            return "a number such as 0.5, without quotes";
        }
        if (type == Boolean.class) {
            return "true or false, without quotes";
        }
        if (type == String.class) {
            return "a string in double quotes";
        }
        if (type == Duration.class) {
            return DurationText.ALLOWED + ", in double quotes";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list in square brackets";
        }
        return "an object in curly braces";
    }

    /** @return the names allowed, and a hint when {@code found} is text close to one */
    static String oneOf(List<String> names, JsonValue found) {
        String allowed = names.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(", "));
        if (found.kind() != JsonValue.Kind.STRING) {
            return "one of " + allowed;
        }
        String text = (String) found.scalar();
        String suggestion = Suggestions.closest(text, names)
                .map(closest -> " (did you mean \"" + closest + "\"?)").orElse("");
        return "one of " + allowed + ", was \"" + text + "\"" + suggestion;
    }
}
