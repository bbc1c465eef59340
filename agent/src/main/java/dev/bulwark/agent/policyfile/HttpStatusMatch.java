package dev.bulwark.agent.policyfile;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * An entry of {@code failWhen.httpStatus}: one status such as {@code 429}, or a class such as {@code "5xx"}.
 *
 * @param first the lowest status it matches
 * @param last the highest status it matches
 */
public record HttpStatusMatch(int first, int last) {
    private static final Pattern STATUS_CLASS = Pattern.compile("[1-5]xx");
    private static final String ALLOWED = "a status from 100 to 599 without quotes, such as 429, or a class from "
            + "\"1xx\" to \"5xx\"";

    /** Checks the range: a status or class of statuses from 100 to 599. */
    public HttpStatusMatch {
        if (first < 100 || last > 599 || first > last) {
            throw new IllegalArgumentException("statuses must be between 100 and 599, was " + first + " to " + last);
        }
    }

    /** @return whether {@code status} is this status or in this class */
    public boolean matches(int status) {
        return status >= first && status <= last;
    }

    /** @return as written in the policy file: {@code 429} or {@code 5xx} */
    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first / 100 + "xx";
    }

    /**
     * @param value an entry of the list as written
     * @return the status or class it names
     * @throws IllegalArgumentException saying what is allowed
     */
    static HttpStatusMatch read(JsonValue value) {
        if (value.kind() == JsonValue.Kind.INTEGER) {
            BigInteger status = (BigInteger) value.scalar();
            if (status.compareTo(BigInteger.valueOf(100)) >= 0 && status.compareTo(BigInteger.valueOf(599)) <= 0) {
                return new HttpStatusMatch(status.intValue(), status.intValue());
            }
        }
        if (value.kind() == JsonValue.Kind.STRING && STATUS_CLASS.matcher((String) value.scalar()).matches()) {
            int hundreds = (((String) value.scalar()).charAt(0) - '0') * 100;
            return new HttpStatusMatch(hundreds, hundreds + 99);
        }
        throw new IllegalArgumentException(value + " is not an HTTP status; write " + ALLOWED);
    }
}
