package dev.bulwark.agent.reload;

import dev.bulwark.agent.policyfile.PolicyFile;
import dev.bulwark.agent.policyfile.PolicyFileException;
import dev.bulwark.agent.policyfile.PolicyFileParser;
import dev.bulwark.runtime.jmx.AgentStatus;
import dev.bulwark.runtime.log.BulwarkLog;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

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
        return apply(read());
    }

    /**
     * Reads and checks the file without putting it in force; a refusal is recorded.
     *
     * @return the file's version, to {@link #apply}
     * @throws PolicyFileException when the file cannot be used
     */
    public synchronized Version read() throws PolicyFileException {
        byte[] content = null;
        try {
            content = PolicyFileParser.read(file);
            return new Version(content, parser.parse(file, content));
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
     * Puts a version read by {@link #read} in force.
     *
     * @param version the file as read
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
            BulwarkLog.internalFault("reloading " + file, e);
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
