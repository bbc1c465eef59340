package dev.bulwark.runtime.jmx;

import dev.bulwark.runtime.dispatch.AdvisedMethod;
import dev.bulwark.runtime.dispatch.AdvisedMethods;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** What the agent reports about itself; the agent fills it in, JMX reads it. */
public final class AgentStatus implements AgentMXBean {
    private static final int MAX_ERRORS = 100;

    private final String version;
    private final String policyFile;
    private final List<String> policies;
    private final Supplier<List<String>> unmatchedPatterns;
    private final List<String> errors = new CopyOnWriteArrayList<>();

    /**
     * @param version the agent's version
     * @param policyFile the policy file's path, or an empty string
     * @param policies names of the policies in force
     * @param unmatchedPatterns tells which patterns have matched nothing so far
     */
    public AgentStatus(String version, String policyFile, List<String> policies,
                       Supplier<List<String>> unmatchedPatterns) {
        this.version = version;
        this.policyFile = policyFile;
        this.policies = List.copyOf(policies);
        this.unmatchedPatterns = unmatchedPatterns;
    }

    /** Adds a problem to {@link #getErrors()}; the oldest are kept when there are too many. */
    public void addError(String error) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(error);
        }
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
        return policies.toArray(String[]::new);
    }

    @Override
    public String[] getInstrumentedMethods() {
        return AdvisedMethods.all().stream()
                .map(method -> method.policyName() + ": " + method.signature())
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
}
