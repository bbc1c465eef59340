package dev.bulwark.agent.policyfile;

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
}
