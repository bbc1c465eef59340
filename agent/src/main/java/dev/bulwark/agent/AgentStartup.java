package dev.bulwark.agent;

import dev.bulwark.agent.instrument.PolicyInstrumentation;
import dev.bulwark.agent.policyfile.PolicyFileException;
import dev.bulwark.agent.reload.ActivePolicies;
import dev.bulwark.agent.reload.PolicyFileWatcher;
import dev.bulwark.agent.reload.PolicyReloader;
import dev.bulwark.runtime.jmx.AgentStatus;
import dev.bulwark.runtime.jmx.MBeans;
import dev.bulwark.runtime.log.BulwarkLog;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts Bulwark once the runtime is on the boot class path: reads the policy file, puts a guard in place for
 * each policy, publishes the MBeans, installs the advice and watches the file for changes. An unusable policy
 * file leaves the application running without policies, or stops the JVM when {@code strict=true}.
 */
final class AgentStartup {

    private AgentStartup() {
    }

    static void start(String rawArguments, Instrumentation instrumentation) {
        AgentArguments arguments;
        try {
            arguments = AgentArguments.parse(rawArguments);
        } catch (IllegalArgumentException e) {
            refuse("Bulwark: " + e.getMessage(), rawArguments != null && rawArguments.contains("strict=true"));
            arguments = AgentArguments.parse(null);
        }
        try {
            run(arguments, instrumentation);
        } catch (Throwable fault) {
            BulwarkLog.internalFault("starting the agent", fault);
            if (arguments.strict()) {
                System.exit(1);
            }
        }
    }

    private static void run(AgentArguments arguments, Instrumentation instrumentation) {
        Optional<Path> policyFile = arguments.resolvePolicyFile(
                System.getProperty(AgentArguments.POLICY_PROPERTY), System.getenv());
        MBeans.hold();
        PolicyInstrumentation advice = new PolicyInstrumentation(instrumentation);
        try {
            start(arguments, policyFile, advice);
        } finally {
            // Once the application has started, or at once when the advice was not installed.
            advice.whenClassLoadingQuiet(MBeans::publishHeldInBackground);
        }
    }

    private static void start(AgentArguments arguments, Optional<Path> policyFile, PolicyInstrumentation advice) {
        ActivePolicies active = new ActivePolicies(advice);
        AgentStatus status = new AgentStatus(version(),
                policyFile.map(path -> path.toAbsolutePath().toString()).orElse(""),
                active::names, advice::unmatchedPatterns);
        PolicyReloader reloader;
        try {
            reloader = loadPolicies(arguments, policyFile, active, status);
        } finally {
            // After the policies' MBeans, which are published in the same order: a JMX client that finds the
            // Agent MBean finds theirs too.
            MBeans.register(MBeans.agentName(), status);
        }
        if (reloader == null) {
            return;
        }
        advice.install(status);
        if (arguments.reload()) {
            PolicyFileWatcher.start(reloader);
        }
        UnmatchedPatternReport.schedule(advice, status, arguments.reportUnmatchedAfter());
    }

    /** @return what reloads the policy file, {@code null} when there is none */
    private static PolicyReloader loadPolicies(AgentArguments arguments, Optional<Path> policyFile,
                                               ActivePolicies active, AgentStatus status) {
        if (policyFile.isEmpty()) {
            String error = "Bulwark: no policy file given: use -javaagent:bulwark-agent.jar=<path>, -D"
                    + AgentArguments.POLICY_PROPERTY + "=<path> or " + AgentArguments.POLICY_ENVIRONMENT_VARIABLE
                    + "=<path>; the application runs without policies";
            status.addError(error);
            refuse(error, arguments.strict());
            return null;
        }

        PolicyReloader reloader = new PolicyReloader(policyFile.get(), active, status);
        status.setReloader(reloader::reload);
        try {
            reloader.load();
            BulwarkLog.info("Bulwark " + version() + " guards " + active.names().size() + " policies from "
                    + policyFile.get().toAbsolutePath());
        } catch (PolicyFileException e) {
            String error = "Bulwark: " + e.getMessage() + "\nBulwark: the application runs without policies";
            status.addError(error);
            refuse(error, arguments.strict());
        }
        return reloader;
    }

    private static void refuse(String error, boolean strict) {
        BulwarkLog.error(error);
        if (strict) {
            BulwarkLog.error("Bulwark: strict=true, so the JVM stops");
            System.exit(1);
        }
    }

    private static String version() {
        String version = AgentStartup.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
