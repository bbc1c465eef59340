package dev.bulwark.agent.policyfile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Checks the exception class names a policy file lists ({@code recordExceptions}, {@code retryExceptions},
 * {@code fallback.throw}): fully qualified binary names, {@code $} for nested types, no wildcards.
 */
public final class ClassNameText {
    /**
     * Every name this class accepts; {@code docs/policy.schema.json} uses the same expression. A package is required:
     * a simple name such as {@code IOException} would match no class and silently change nothing.
     */
    public static final String SYNTAX = "^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)+$";

    private static final Pattern SYNTAX_PATTERN = Pattern.compile(SYNTAX);

    private ClassNameText() {
    }

    /**
     * @param text the text from the policy file
     * @return {@code text}, checked
     * @throws IllegalArgumentException saying what is allowed, when {@code text} is not a fully qualified class name
     */
    public static String check(String text) {
        if (!SYNTAX_PATTERN.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a fully qualified class name; write it as "
                    + "in Class.getName(), e.g. \"java.io.IOException\" or \"com.acme.Client$Timeout\", without "
                    + "wildcards");
        }
        return text;
    }

    /** Reads an element of a list of class names; declared on the record components that hold such lists. */
    static final class Deserializer extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                throw JsonMappingException.from(parser, "expected a class name in double quotes, such as "
                        + "\"java.io.IOException\"");
            }
            try {
                return check(parser.getText());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(parser, e.getMessage());
            }
        }
    }
}
