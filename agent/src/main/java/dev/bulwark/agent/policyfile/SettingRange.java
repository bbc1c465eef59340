package dev.bulwark.agent.policyfile;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The range checks every settings block of the policy file makes, so that each key out of range is reported the
 * same way: the key, what is allowed and the value given. A {@code null} value is a key left out and passes.
 */
final class SettingRange {

    private SettingRange() {
    }

    static void requireBetween(String key, Integer value, int min, int max) {
        requireBetween(key, value, min, max, "");
    }

    /** @param unit what the numbers count, shown after the range, such as {@code " seconds for a TIME_BASED window"} */
    static void requireBetween(String key, Integer value, int min, int max, String unit) {
        if (value != null && (value < min || value > max)) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + unit + ", was "
                    + value);
        }
    }

    static void requireBetween(String key, Double value, double min, double max) {
        if (value != null && !(value >= min && value <= max)) {
            throw new IllegalArgumentException(key + " must be between " + plain(min) + " and " + plain(max)
                    + ", was " + plain(value));
        }
    }

    static void requireBetween(String key, Duration value, Duration min, Duration max) {
        if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
            throw new IllegalArgumentException(key + " must be between " + DurationText.format(min) + " and "
                    + DurationText.format(max) + ", was " + DurationText.format(value));
        }
    }

    /** For a duration where 0 means "no bound": 0, or {@code min} to {@code max}. */
    static void requireZeroOrBetween(String key, Duration value, Duration min, Duration max) {
        if (value != null && !value.isZero() && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
            throw new IllegalArgumentException(key + " must be 0ms (no bound) or between " + DurationText.format(min)
                    + " and " + DurationText.format(max) + ", was " + DurationText.format(value));
        }
    }

    /** @return the number as written by people: {@code 2} rather than {@code 2.0}, {@code 0.2} */
    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
