package dev.bulwark.agent.policyfile;

import dev.bulwark.agent.matching.MethodPattern;

import java.util.ArrayList;
import java.util.List;

/**
 * What advising a policy's methods needs to know of the policy: which methods, and the two settings that change the
 * advice's shape. At start-up these are read from the file before it is checked as a whole ({@link #preview}), so
 * that classes are advised before the application's {@code main} while the checks and the guards follow on another
 * thread.
 *
 * @param policyName the policy's name
 * @param methods the method patterns, at least one
 * @param cachesResults whether the policy's fallback answers with cached results, so every call passes its arguments
 * @param retries whether the policy retries, so a call sending an HTTP request passes it
 * @param fallback the policy's fallback, whose value is checked against each advised method's return type;
 *     {@code null} when it has none or it is not known yet
 */
public record PolicyMethods(String policyName, List<MethodPattern> methods, boolean cachesResults, boolean retries,
                            FallbackSettings fallback) {

    /**
     * Reads the methods of every policy from a file's JSON, without its checks: a file this accepts may still be
     * refused by {@link PolicyFileParser#parse}, and one it cannot read is left to the parser to explain.
     *
     * @param root the file's JSON
     * @return the methods of each policy, without fallbacks; {@code null} when the file does not have the shape of
     *     a policy file, or a name or pattern cannot be read
     */
    static List<PolicyMethods> preview(JsonValue root) {
        JsonValue policies = root.kind() == JsonValue.Kind.OBJECT ? root.members().get("policies") : null;
        if (policies == null || policies.kind() != JsonValue.Kind.ARRAY) {
            return null;
        }
        List<PolicyMethods> preview = new ArrayList<>();
        for (JsonValue policy : policies.elements()) {
            PolicyMethods methods = previewOf(policy);
            if (methods == null) {
                return null;
            }
            preview.add(methods);
        }
        return preview;
    }

    private static PolicyMethods previewOf(JsonValue policy) {
        if (policy.kind() != JsonValue.Kind.OBJECT) {
            return null;
        }
        JsonValue name = policy.members().get("name");
        JsonValue methods = policy.members().get("methods");
        if (name == null || name.kind() != JsonValue.Kind.STRING || methods == null
                || methods.kind() != JsonValue.Kind.ARRAY || methods.elements().isEmpty()) {
            return null;
        }
        List<MethodPattern> patterns = new ArrayList<>();
        for (JsonValue method : methods.elements()) {
            if (method.kind() != JsonValue.Kind.STRING) {
                return null;
            }
            try {
                patterns.add(MethodPattern.parse((String) method.scalar()));
            } catch (IllegalArgumentException unreadable) {
                return null;
            }
        }
        JsonValue fallback = policy.members().get("fallback");
        boolean cachesResults = fallback != null && fallback.kind() == JsonValue.Kind.OBJECT
                && fallback.members().containsKey("cached");
        return new PolicyMethods((String) name.scalar(), List.copyOf(patterns), cachesResults,
                policy.members().containsKey("retry"), null);
    }
}
