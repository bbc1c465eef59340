package dev.bulwark.agent.policyfile;

/**
 * A policy's block that is wrong as a whole, once the file has bound: a block whose keys conflict only once
 * {@code defaults} are merged in, or one that lacks what it needs. It names the block, so that the error can point
 * at it.
 */
final class BlockSettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    BlockSettingsException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** @return the block's key in the policy, such as {@code "retry"} */
    String key() {
        return key;
    }
}
