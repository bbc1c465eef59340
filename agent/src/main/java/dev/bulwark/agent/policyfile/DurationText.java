package dev.bulwark.agent.policyfile;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them in a policy file: {@code "500ms"}, {@code "10s"}, {@code "2m"}, {@code "1h"}, or ISO-8601 {@code "PT10S"}. */
public final class DurationText {
    /** What an error message shows as allowed. */
    public static final String ALLOWED = "a duration such as \"500ms\", \"10s\", \"2m\", \"1h\" or ISO-8601 \"PT10S\"";

    /**
     * Every text this class reads, and nothing else; {@code docs/policy.schema.json} uses the same expression.
     * ISO-8601 is limited to days, hours, minutes and seconds, upper case, without signs.
     */
    public static final String SYNTAX =
            "^([0-9]+(ms|s|m|h)|P(?=[0-9T])([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+(\\.[0-9]+)?S)?)?)$";

    private static final Pattern SYNTAX_PATTERN = Pattern.compile(SYNTAX);
    private static final Pattern SHORT_FORM = Pattern.compile("([0-9]+)(ms|s|m|h)");

    private DurationText() {
    }

    /**
     * @param duration a duration
     * @return it as people write it in a policy file: {@code "500ms"}, {@code "10s"}, {@code "24h"}; ISO-8601 when
     *     it is not a whole number of milliseconds
     */
    public static String format(Duration duration) {
        // Beyond about 292 million years milliseconds overflow a long; such a value is shown as ISO-8601.
        if (duration.isNegative() || duration.toNanosPart() % 1_000_000 != 0
                || duration.getSeconds() > Long.MAX_VALUE / 1000 - 1) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis != 0 && millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    /**
     * @param text the text from the policy file
     * @return the duration
     * @throws IllegalArgumentException naming what is allowed, when {@code text} is not a duration or is negative
     */
    public static Duration parse(String text) {
        if (!SYNTAX_PATTERN.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not " + ALLOWED);
        }
        try {
            Matcher shortForm = SHORT_FORM.matcher(text);
            if (!shortForm.matches()) {
                return Duration.parse(text);
            }
            long amount = Long.parseLong(shortForm.group(1));
            switch (shortForm.group(2)) {
                case "ms": return Duration.ofMillis(amount);
                case "s": return Duration.ofSeconds(amount);
                case "m": return Duration.ofMinutes(amount);
                default: return Duration.ofHours(amount);
            }
        } catch (ArithmeticException | DateTimeParseException | NumberFormatException tooLarge) {
            throw new IllegalArgumentException("\"" + text + "\" is too long a duration; use at most 24h");
        }
    }
}
