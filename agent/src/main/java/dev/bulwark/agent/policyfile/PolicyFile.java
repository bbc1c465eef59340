package dev.bulwark.agent.policyfile;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed and validated policy file.
 *
 * @param version the format version, 1
 * @param defaults settings every policy takes for the keys it leaves out
 * @param policies the policies, with distinct names; never {@code null} in a file the parser returns
 */
public record PolicyFile(Integer version, PolicyDefaults defaults, List<PolicyDefinition> policies) {
    /** The only format version this agent reads. */
    public static final int CURRENT_VERSION = 1;

    /** Checks the version and that policy names are distinct. */
    public PolicyFile {
        if (version == null) {
            throw new IllegalArgumentException("\"version\" is missing; it must be " + CURRENT_VERSION);
        }
        if (version != CURRENT_VERSION) {
            throw new IllegalArgumentException("\"version\" must be " + CURRENT_VERSION + ", was " + version);
        }
        if (defaults == null) {
            defaults = PolicyDefaults.NONE;
        }
        // A missing list is reported by the parser, after the binder has reported unknown keys, which explain more.
        if (policies != null) {
            policies = List.copyOf(policies);
            requireDistinctNames(policies);
        }
    }

    private static void requireDistinctNames(List<PolicyDefinition> policies) {
        Set<String> names = new HashSet<>();
        for (PolicyDefinition policy : policies) {
            if (policy.name() != null && !names.add(policy.name())) {
                throw new IllegalArgumentException("two policies are named '" + policy.name()
                        + "'; policy names must be distinct");
            }
        }
    }
}
