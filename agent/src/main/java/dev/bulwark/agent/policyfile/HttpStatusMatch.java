package dev.bulwark.agent.policyfile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * An entry of {@code failWhen.httpStatus}: one status such as {@code 429}, or a class such as {@code "5xx"}.
 *
 * @param first the lowest status it matches
 * @param last the highest status it matches
 */
@JsonDeserialize(using = HttpStatusMatch.Deserializer.class)
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

    /** Reads an entry: a whole number or a string such as {@code "5xx"}. */
    static final class Deserializer extends JsonDeserializer<HttpStatusMatch> {
        @Override
        public HttpStatusMatch deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_NUMBER_INT) && parser.getNumberType() == JsonParser.NumberType.INT
                    && parser.getIntValue() >= 100 && parser.getIntValue() <= 599) {
                return new HttpStatusMatch(parser.getIntValue(), parser.getIntValue());
            }
            if (parser.hasToken(JsonToken.VALUE_STRING) && STATUS_CLASS.matcher(parser.getText()).matches()) {
                int hundreds = (parser.getText().charAt(0) - '0') * 100;
                return new HttpStatusMatch(hundreds, hundreds + 99);
            }
            String found = parser.hasToken(JsonToken.VALUE_STRING) ? "\"" + parser.getText() + "\"" : parser.getText();
            throw JsonMappingException.from(parser, found + " is not an HTTP status; write " + ALLOWED);
        }
    }
}
