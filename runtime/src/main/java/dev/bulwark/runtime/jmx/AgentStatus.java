package dev.bulwark.runtime.jmx;

import dev.bulwark.runtime.dispatch.AdvisedMethods;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** What the agent reports about itself; the agent fills it in, JMX reads it. */
public final class AgentStatus implements AgentMXBean {
    private static final int MAX_ERRORS = 100;

    private final String version;
    private final String policyFile;
    private final Supplier<List<String>> policies;
    private final Supplier<List<String>> unmatchedPatterns;
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile Supplier<String> reloader = () -> "There is no policy file to reload";
    private volatile String policyFileSha256 = "";
    private volatile String lastReloadTime = "";
    private volatile String lastReloadError = "";

    /**
     * @param version the agent's version
     * @param policyFile the policy file's path, or an empty string
     * @param policies tells the names of the policies in force
     * @param unmatchedPatterns tells which patterns have matched nothing so far
     */
    public AgentStatus(String version, String policyFile, Supplier<List<String>> policies,
                       Supplier<List<String>> unmatchedPatterns) {
        this.version = version;
        this.policyFile = policyFile;
        this.policies = policies;
        this.unmatchedPatterns = unmatchedPatterns;
    }

    /** Adds a problem to {@link #getErrors()}; the oldest are kept when there are too many. */
    public void addError(String error) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(error);
        }
    }

    /** @param reloader what {@link #reload()} runs; it returns a one-line account of what happened */
    public void setReloader(Supplier<String> reloader) {
        this.reloader = reloader;
    }

    /**
     * Records the outcome of reading the policy file.
     *
     * @param time when, as ISO-8601
     * @param sha256 the SHA-256 of the file now in force
     * @param error why the file was refused, or an empty string
     */
    public void recordReload(String time, String sha256, String error) {
        this.lastReloadTime = time;
        this.policyFileSha256 = sha256;
        this.lastReloadError = error;
    }

    @Override
    public String getVersion() {
        return version;
    }

    @Override
    public String getPolicyFile() {
        return policyFile;
    }

    @Override
    public String[] getPolicies() {
        return policies.get().toArray(String[]::new);
    }

    @Override
    public String[] getInstrumentedMethods() {
        List<String> inForce = policies.get();
        return AdvisedMethods.all().stream()
                .filter(method -> inForce.contains(method.policyName()))
                .map(method -> method.policyName() + ": " + method.signature())
                .distinct()
                .toArray(String[]::new);
    }

    @Override
    public String[] getUnmatchedPatterns() {
        return unmatchedPatterns.get().toArray(String[]::new);
    }

    @Override
    public String[] getErrors() {
        return errors.toArray(String[]::new);
    }

    @Override
    public String getPolicyFileSha256() {
        return policyFileSha256;
    }

    @Override
    public String getLastReloadTime() {
        return lastReloadTime;
    }

    @Override
    public String getLastReloadError() {
        return lastReloadError;
    }

    @Override
    public String reload() {
        return reloader.get();
    }
}
