package dev.bulwark.agent.policyfile;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them in a policy file: {@code "500ms"}, {@code "10s"}, {@code "2m"}, {@code "1h"}, or ISO-8601 {@code "PT10S"}. */
public final class DurationText {
    /** What an error message shows as allowed. */
    public static final String ALLOWED = "a duration such as \"500ms\", \"10s\", \"2m\", \"1h\" or ISO-8601 \"PT10S\"";

    private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)(ms|s|m|h)");

    private DurationText() {
    }

    /**
     * @param text the text from the policy file
     * @return the duration
     * @throws IllegalArgumentException naming what is allowed, when {@code text} is not a duration or is negative
     */
    public static Duration parse(String text) {
        Matcher shortForm = SHORT_FORM.matcher(text);
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            switch (shortForm.group(2)) {
                case "ms": return Duration.ofMillis(amount);
                case "s": return Duration.ofSeconds(amount);
                case "m": return Duration.ofMinutes(amount);
                default: return Duration.ofHours(amount);
            }
        }
        try {
            Duration duration = Duration.parse(text);
            if (!duration.isNegative()) {
                return duration;
            }
        } catch (DateTimeParseException notIso) {
            // Falls through to the message that says what is allowed.
        }
        throw new IllegalArgumentException("\"" + text + "\" is not " + ALLOWED);
    }
}
