package dev.bulwark.agent.policyfile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a policy file into {@link JsonValue}s with jackson-core's streaming parser alone: the databind layer costs
 * half a second of start-up, several times what reading a policy file needs.
 */
final class JsonTreeReader {

    private JsonTreeReader() {
    }

    /**
     * @param file the policy file, named in error messages
     * @param content its content
     * @return its one JSON value
     * @throws PolicyFileException for JSON that is malformed, has duplicate keys, nests too deep or is followed by
     *     more content
     */
    static JsonValue read(Path file, byte[] content) throws PolicyFileException {
        try (JsonParser parser = JsonPaths.FACTORY.createParser(content)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new PolicyFileException(file + ": the policy file is empty; write an object such as "
                        + "{ \"version\": 1, \"policies\": [] }");
            }
            JsonValue root = value(parser, "", null);
            if (parser.nextToken() != null) {
                JsonLocation after = parser.currentTokenLocation();
                throw new PolicyFileException(file + ":" + after.getLineNr() + ":" + after.getColumnNr()
                        + ": more content follows the policy file's object; a policy file holds one JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new PolicyFileException(ErrorText.unreadable(file, e), e);
        } catch (IOException e) {
            throw new PolicyFileException(file + ": cannot read policy file: " + e, e);
        }
    }

    /**
     * Reads the value whose first token is the parser's current one.
     *
     * @param keyPlace where its key starts, {@code null} for an array element or the whole file
     */
    private static JsonValue value(JsonParser parser, String path, JsonLocation keyPlace) throws IOException {
        JsonLocation start = parser.currentTokenLocation();
        JsonLocation place = keyPlace != null ? keyPlace : start;
        switch (parser.currentToken()) {
            case START_OBJECT: {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                    String key = parser.currentName();
                    JsonLocation keyStart = parser.currentTokenLocation();
                    parser.nextToken();
                    members.put(key, value(parser, path.isEmpty() ? key : path + "." + key, keyStart));
                }
                return JsonValue.object(members, path, start, place, parser.currentTokenLocation());
            }
            case START_ARRAY: {
                List<JsonValue> elements = new ArrayList<>();
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    elements.add(value(parser, path + "[" + elements.size() + "]", null));
                }
                return JsonValue.array(elements, path, start, place, parser.currentTokenLocation());
            }
            case VALUE_STRING:
                return JsonValue.scalar(JsonValue.Kind.STRING, parser.getText(), path, start, place);
            case VALUE_NUMBER_INT:
                return JsonValue.scalar(JsonValue.Kind.INTEGER, parser.getBigIntegerValue(), path, start, place);
            case VALUE_NUMBER_FLOAT:
                return JsonValue.scalar(JsonValue.Kind.FLOAT, parser.getDoubleValue(), path, start, place);
            case VALUE_TRUE:
                return JsonValue.scalar(JsonValue.Kind.BOOLEAN, Boolean.TRUE, path, start, place);
            case VALUE_FALSE:
                return JsonValue.scalar(JsonValue.Kind.BOOLEAN, Boolean.FALSE, path, start, place);
            case VALUE_NULL:
                return JsonValue.scalar(JsonValue.Kind.NULL, null, path, start, place);
            default:
                throw new IllegalStateException("unexpected " + parser.currentToken() + " at " + path);
        }
    }
}
