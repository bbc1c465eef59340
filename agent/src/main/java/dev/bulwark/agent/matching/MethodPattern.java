package dev.bulwark.agent.matching;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A method pattern of the policy file, {@code TYPE#METHOD(PARAMS)}:
 * <ul>
 *   <li>TYPE is a fully qualified type name ({@code $} for nested types) and also stands for every subtype and
 *       implementation; {@code *} matches any run of characters;</li>
 *   <li>METHOD is a method name, {@code *} again a wildcard;</li>
 *   <li>PARAMS is {@code ..} (any), empty (none) or fully qualified types separated by commas
 *       ({@code int}, {@code byte[]}, {@code java.lang.String}).</li>
 * </ul>
 *
 * @param text the pattern as written
 * @param typeName TYPE with its wildcards
 * @param methodName METHOD with its wildcards
 * @param parameterTypes the parameter types, or empty for {@code ..}
 */
public record MethodPattern(String text, String typeName, String methodName,
                            Optional<List<String>> parameterTypes) {
    /** What an error message shows as allowed. */
    public static final String ALLOWED = "TYPE#METHOD(PARAMS), e.g. \"javax.sql.DataSource#getConnection(..)\" or "
            + "\"com.acme.*Client#get*(java.lang.String, int)\"";

    private static final String NAME = "[A-Za-z_$*][A-Za-z0-9_$*]*";
    private static final String PARAMETER_TYPE = "[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*(\\[\\])*";
    /**
     * Every pattern this class reads, and nothing else; {@code docs/policy.schema.json} uses the same expression.
     * Names are ASCII; a TYPE made only of wildcards is refused.
     */
    public static final String SYNTAX = "^(?![*.]*#)" + NAME + "(\\." + NAME + ")*#" + NAME
            + "\\((\\.\\.|(" + PARAMETER_TYPE + "(, ?" + PARAMETER_TYPE + ")*)?)\\)$";

    private static final Pattern SYNTAX_PATTERN = Pattern.compile(SYNTAX);
    private static final Pattern TYPE = Pattern.compile(NAME + "(\\." + NAME + ")*");
    private static final Pattern METHOD = Pattern.compile(NAME);
    private static final Pattern PARAMETER = Pattern.compile(PARAMETER_TYPE);
    private static final Pattern SHAPE = Pattern.compile("([^#]+)#([^(]+)\\(([^)]*)\\)");

    /**
     * @param text a pattern such as {@code javax.sql.DataSource#getConnection(..)}
     * @return the parsed pattern
     * @throws IllegalArgumentException saying what is wrong and what is allowed
     */
    public static MethodPattern parse(String text) {
        Matcher shape = SHAPE.matcher(text);
        if (!shape.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a method pattern; expected " + ALLOWED);
        }
        String type = shape.group(1);
        String method = shape.group(2);
        String parameters = shape.group(3);
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("\"" + text + "\": \"" + type
                    + "\" is not a fully qualified type name (letters, digits, '_', '$', '.', '*')");
        }
        if (type.replace("*", "").replace(".", "").isEmpty()) {
            throw new IllegalArgumentException("\"" + text + "\": TYPE \"" + type + "\" would match every class; "
                    + "name at least a package, e.g. \"com.acme.*Client\"");
        }
        if (!METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("\"" + text + "\": \"" + method
                    + "\" is not a method name (letters, digits, '_', '$', '*')");
        }
        Optional<List<String>> parameterTypes = parseParameters(text, parameters);
        if (!SYNTAX_PATTERN.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a method pattern: no spaces except one after "
                    + "a comma, ASCII names; expected " + ALLOWED);
        }
        return new MethodPattern(text, type, method, parameterTypes);
    }

    private static Optional<List<String>> parseParameters(String text, String parameters) {
        if (parameters.equals("..")) {
            return Optional.empty();
        }
        if (parameters.isEmpty()) {
            return Optional.of(List.of());
        }
        List<String> types = Arrays.stream(parameters.split(",", -1)).map(String::stripLeading).toList();
        for (String type : types) {
            if (!PARAMETER.matcher(type).matches()) {
                throw new IllegalArgumentException("\"" + text + "\": parameter \"" + type + "\" is not a fully "
                        + "qualified type; write \"..\" for any parameters, \"()\" for none, or types such as "
                        + "int, byte[], java.lang.String");
            }
        }
        return Optional.of(types);
    }

    /** @return a regular expression for TYPE */
    public Pattern typeRegex() {
        return wildcardRegex(typeName);
    }

    /** @return a regular expression for METHOD */
    public Pattern methodRegex() {
        return wildcardRegex(methodName);
    }

    private static Pattern wildcardRegex(String wildcard) {
        return Pattern.compile(Arrays.stream(wildcard.split("\\*", -1))
                .map(Pattern::quote)
                .collect(Collectors.joining(".*")));
    }

    @Override
    public String toString() {
        return text;
    }
}
