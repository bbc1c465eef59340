package dev.bulwark.agent.policyfile;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Writes the place of an error the way people read a JSON document: {@code policies[1].circuitBreaker.slidingWindowSize}. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String of(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            }
        }
        return path.toString();
    }
}
