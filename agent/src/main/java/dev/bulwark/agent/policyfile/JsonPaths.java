package dev.bulwark.agent.policyfile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.io.IOException;
import java.util.Optional;

/**
 * Places of errors in a policy file. Jackson reports where its parser happened to stand, often past the end of
 * the object it was building; people need the key that is wrong, so the file is read again to find it.
 */
final class JsonPaths {
    /** A policy file is a few levels deep; anything deeper is refused before it can cost anything. */
    static final int MAX_NESTING_DEPTH = 32;
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();

    private JsonPaths() {
    }

    /** @return where the key or element at {@code target} starts in {@code content}, if it is there */
    static Optional<JsonLocation> locate(byte[] content, JsonPointer target) {
        try (JsonParser parser = FACTORY.createParser(content)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                JsonStreamContext context = parser.getParsingContext();
                JsonStreamContext owner = token.isStructStart() ? context.getParent() : context;
                if (owner != null && owner.pathAsPointer().equals(target)) {
                    return Optional.of(parser.currentTokenLocation());
                }
            }
        } catch (IOException unreadable) {
            // The caller falls back to Jackson's own location.
        }
        return Optional.empty();
    }

    /**
     * @return {@code line:column: path} of the first JSON null in {@code content}, if there is one, leaving out those
     *     in a policy's {@code fallback.value}, which is returned as written, null included
     */
    static Optional<String> firstNull(byte[] content) throws IOException {
        try (JsonParser parser = FACTORY.createParser(content)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NULL && !isInFallbackValue(parser.getParsingContext().pathAsPointer())) {
                    JsonLocation location = parser.currentTokenLocation();
                    return Optional.of(location.getLineNr() + ":" + location.getColumnNr() + ": "
                            + readable(parser.getParsingContext().pathAsPointer()));
                }
            }
        }
        return Optional.empty();
    }

    /** @return whether {@code pointer} is {@code /policies/<i>/fallback/value} or inside it */
    static boolean isInFallbackValue(JsonPointer pointer) {
        JsonPointer index = pointer.tail();
        JsonPointer fallback = index == null ? null : index.tail();
        JsonPointer value = fallback == null ? null : fallback.tail();
        return value != null && "policies".equals(pointer.getMatchingProperty()) && index.getMatchingIndex() >= 0
                && "fallback".equals(fallback.getMatchingProperty()) && "value".equals(value.getMatchingProperty());
    }

    /** @return the pointer's path as people read it */
    static String readable(JsonPointer pointer) {
        StringBuilder path = new StringBuilder();
        for (JsonPointer segment = pointer; segment != null && !segment.matches(); segment = segment.tail()) {
            if (segment.getMatchingIndex() >= 0) {
                path.append('[').append(segment.getMatchingIndex()).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(segment.getMatchingProperty());
            }
        }
        return path.toString();
    }

    /** @return the error's path as a JSON pointer */
    static JsonPointer pointer(JsonMappingException e) {
        JsonPointer pointer = JsonPointer.empty();
        for (JsonMappingException.Reference reference : e.getPath()) {
            pointer = reference.getIndex() >= 0
                    ? pointer.appendIndex(reference.getIndex())
                    : pointer.appendProperty(reference.getFieldName());
        }
        return pointer;
    }
}
