package dev.bulwark.agent.policyfile;

import java.util.List;

/**
 * A policy's {@code failWhen} block: outcomes that count as failures although the method returned, for the
 * policy's circuit breaker and retry. It has no defaults and is not a kind of its own.
 *
 * @param httpStatus responses with one of these statuses fail; at least one entry
 */
public record FailWhenSettings(List<HttpStatusMatch> httpStatus) {

    static final String HTTP_STATUS_REQUIRED = "\"httpStatus\" must list at least one status, such as 429, or "
            + "class, such as \"5xx\"";

    /**
     * Checks that the list is not empty. A missing list is reported once the file has bound, so that an unknown
     * key, which explains more, is reported first.
     */
    public FailWhenSettings {
        if (httpStatus != null && httpStatus.isEmpty()) {
            throw new IllegalArgumentException(HTTP_STATUS_REQUIRED);
        }
        httpStatus = httpStatus == null ? null : List.copyOf(httpStatus);
    }

    /** @return whether a response with {@code status} counts as a failure */
    public boolean failsOnHttpStatus(int status) {
        return httpStatus.stream().anyMatch(match -> match.matches(status));
    }
}
