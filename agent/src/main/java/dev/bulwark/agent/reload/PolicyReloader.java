package dev.bulwark.agent.reload;

import dev.bulwark.agent.policyfile.JsonValue;
import dev.bulwark.agent.policyfile.PolicyFile;
import dev.bulwark.agent.policyfile.PolicyFileException;
import dev.bulwark.agent.policyfile.PolicyFileParser;
import dev.bulwark.agent.policyfile.PolicyMethods;
import dev.bulwark.runtime.jmx.AgentStatus;
import dev.bulwark.runtime.log.BulwarkLog;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the policy file and puts it in force, at start-up and on every change. An invalid file is refused as a
 * whole: the policies running stay, and the error shows in the log and on the Agent MBean.
 */
public final class PolicyReloader {
    private final Path file;
    private final PolicyFileParser parser = new PolicyFileParser();
    private final ActivePolicies active;
    private final AgentStatus status;
    private String appliedSha256 = "";
    private String handledSha256 = "";

    /**
     * @param file the policy file
     * @param active the policies in force
     * @param status where the outcome of each reload is published
     */
    public PolicyReloader(Path file, ActivePolicies active, AgentStatus status) {
        this.file = file;
        this.active = active;
        this.status = status;
    }

    /**
     * Reads and applies the file.
     *
     * @return what happened, in one line
     * @throws PolicyFileException when the file cannot be used; the policies in force stay
     */
    public synchronized String load() throws PolicyFileException {
        return apply(check(draft()));
    }

    /**
     * Reads the file and the methods its policies name, without checking it as a whole; a refusal is recorded.
     *
     * @return the file as read, to {@link #check}
     * @throws PolicyFileException when the file cannot be read or is not JSON
     */
    public synchronized Draft draft() throws PolicyFileException {
        byte[] content = refusalRecorded(null, () -> PolicyFileParser.read(file));
        JsonValue root = refusalRecorded(content, () -> parser.tree(file, content));
        return new Draft(content, root, parser.methodsOf(root));
    }

    /**
     * Checks the file as a whole without putting it in force; a refusal is recorded.
     *
     * @param draft the file as read
     * @return the checked file, to {@link #apply}
     * @throws PolicyFileException when the file cannot be used
     */
    public synchronized Version check(Draft draft) throws PolicyFileException {
        // The JSON the draft read, not read again.
        return refusalRecorded(draft.content, () -> new Version(draft.content, parser.parse(file, draft.root)));
    }

    private <T> T refusalRecorded(byte[] content, Reading<T> reading) throws PolicyFileException {
        try {
            return reading.read();
        } catch (PolicyFileException e) {
            refused(content, e.getMessage());
            throw e;
        } catch (RuntimeException | Error e) {
            // Not the file's fault, but the operator must still see that this version did not take effect.
            refused(content, "Bulwark could not apply " + file + ": " + e);
            throw e;
        }
    }

    /**
     * Puts a version checked by {@link #check} in force.
     *
     * @param version the file as checked
     * @return what changed, in one line
     */
    public synchronized String apply(Version version) {
        String sha256 = sha256(version.content);
        handledSha256 = sha256;
        try {
            String summary = active.apply(version.policies.policies());
            appliedSha256 = sha256;
            status.recordReload(Instant.now().toString(), appliedSha256, "");
            return summary;
        } catch (RuntimeException | Error e) {
            status.recordReload(Instant.now().toString(), appliedSha256, "Bulwark could not apply " + file + ": " + e);
            throw e;
        }
    }

    private void refused(byte[] content, String error) {
        if (content != null) {
            handledSha256 = sha256(content);
        }
        status.recordReload(Instant.now().toString(), appliedSha256, error);
    }

    /** @return the policy file */
    public Path file() {
        return file;
    }

    /** Reloads on an operator's request (the Agent MBean's {@code reload()}); never throws. */
    public String reload() {
        try {
            String summary = "Bulwark reloaded " + file + ": " + load();
            BulwarkLog.info(summary);
            return summary;
        } catch (PolicyFileException e) {
            String refusal = "Bulwark refused the changed policy file; the running policies stay: " + e.getMessage();
            BulwarkLog.error(refusal);
            return refusal;
        } catch (Throwable e) {
            BulwarkLog.internalFault("reloading " + file, e,
                    "its changes may be only partly in force until the next reload");
            return "Bulwark could not reload " + file + ": " + e;
        }
    }

    /** @return the SHA-256 of the file as it is now, or {@code null} when it cannot be read */
    String currentSha256() {
        try {
            return sha256(PolicyFileParser.read(file));
        } catch (PolicyFileException unreadable) {
            return null;
        }
    }

    /** @return the SHA-256 of the content last applied or refused, so that each version is handled once */
    synchronized String handledSha256() {
        return handledSha256;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * One step of reading a policy file.
     *
     * @param <T> what the step reads
     */
    @FunctionalInterface
    public interface Reading<T> {
        /**
         * @return what was read
         * @throws PolicyFileException when the file cannot be used
         */
        T read() throws PolicyFileException;
    }

    /** A version of the policy file, read but not yet checked as a whole. */
    public static final class Draft {
        private final byte[] content;
        private final JsonValue root;
        private final List<PolicyMethods> methods;

        private Draft(byte[] content, JsonValue root, List<PolicyMethods> methods) {
            this.content = content;
            this.root = root;
            this.methods = methods;
        }

        /**
         * @return the methods each policy names, read before the checks; {@code null} when only the checks can tell
         *     what is wrong with the file
         */
        public List<PolicyMethods> methods() {
            return methods;
        }
    }

    /** A version of the policy file, read and checked but not yet in force. */
    public static final class Version {
        private final byte[] content;
        private final PolicyFile policies;

        private Version(byte[] content, PolicyFile policies) {
            this.content = content;
            this.policies = policies;
        }

        /** @return the policies this version defines, defaults merged in */
        public PolicyFile policies() {
            return policies;
        }
    }
}
