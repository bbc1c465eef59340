package dev.bulwark.agent.policyfile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/** How a policy file is read as JSON, and how a place in it is named in an error. */
final class JsonPaths {
    /** A policy file is a few levels deep; anything deeper is refused before it can cost anything. */
    static final int MAX_NESTING_DEPTH = 32;
    /** A key written twice would leave one of the two silently ignored. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonPaths() {
    }

    /** @return the pointer's path as people read it, such as {@code policies[0].retry} */
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
}
