package dev.bulwark.agent.policyfile;

/**
 * A policy file that cannot be used. The message reads {@code file:line:column: path: what is wrong and what is
 * allowed}, the form editors and CI logs link to.
 */
public final class PolicyFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message the whole error, file and position included */
    public PolicyFileException(String message) {
        super(message);
    }

    /**
     * @param message the whole error, file and position included
     * @param cause the underlying failure
     */
    public PolicyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
