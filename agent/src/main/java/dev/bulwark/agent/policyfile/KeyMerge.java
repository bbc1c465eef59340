package dev.bulwark.agent.policyfile;

/** Merges the settings blocks of the policy file key by key: a key written wins over the same key in defaults. */
final class KeyMerge {

    private KeyMerge() {
    }

    /** @return {@code written} when the key was written, else {@code fallback} */
    static <T> T or(T written, T fallback) {
        return written != null ? written : fallback;
    }
}
