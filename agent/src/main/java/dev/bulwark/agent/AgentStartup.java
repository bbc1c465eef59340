package dev.bulwark.agent;

import dev.bulwark.agent.instrument.PolicyInstrumentation;
import dev.bulwark.agent.policyfile.PolicyFileException;
import dev.bulwark.agent.reload.ActivePolicies;
import dev.bulwark.agent.reload.PolicyFileWatcher;
import dev.bulwark.agent.reload.PolicyReloader;
import dev.bulwark.runtime.guard.GuardRegistry;
import dev.bulwark.runtime.jmx.AgentStatus;
import dev.bulwark.runtime.jmx.MBeans;
import dev.bulwark.runtime.log.BulwarkLog;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts Bulwark once the runtime is on the boot class path: reads the policy file and installs the advice of its
 * methods; then, on a thread of its own, puts a guard in place for each policy, publishes the MBeans and watches
 * the file for changes. An unusable policy file leaves the application running without policies, or stops the JVM
 * when {@code strict=true}.
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
        if (policyFile.isEmpty()) {
            String error = "Bulwark: no policy file given: use -javaagent:bulwark-agent.jar=<path>, -D"
                    + AgentArguments.POLICY_PROPERTY + "=<path> or " + AgentArguments.POLICY_ENVIRONMENT_VARIABLE
                    + "=<path>; the application runs without policies";
            status.addError(error);
            MBeans.register(MBeans.agentName(), status);
            refuse(error, arguments.strict());
            return;
        }
        PolicyReloader reloader = new PolicyReloader(policyFile.get(), active, status);
        status.setReloader(reloader::reload);
        PolicyReloader.Version version = read(reloader, status, arguments.strict());
        // Only what advising classes needs happens before the application's main: which methods the policies name.
        // The guards, their MBeans and the log line follow on another thread; a call that comes first waits there.
        Thread assembler = new Thread(() -> assemble(arguments, version, reloader, advice, status), "bulwark-start");
        // Not a daemon: an application that ends at once still waits the moment it takes, so its log tells that
        // the policies were in force.
        assembler.setDaemon(false);
        if (version != null) {
            advice.update(version.policies().policies());
            GuardRegistry.assembling(assembler);
        }
        assembler.start();
        advice.install(status);
    }

    /** @return the policy file as read, or {@code null} when it cannot be used, which is reported */
    private static PolicyReloader.Version read(PolicyReloader reloader, AgentStatus status, boolean strict) {
        try {
            return reloader.read();
        } catch (PolicyFileException e) {
            String error = "Bulwark: " + e.getMessage() + "\nBulwark: the application runs without policies";
            status.addError(error);
            refuse(error, strict);
            return null;
        }
    }

    /**
     * Puts the policies read at start-up in force, then watches the file; on the assembling thread, while the
     * application starts.
     *
     * @param version the policy file as read, {@code null} when it could not be used
     */
    private static void assemble(AgentArguments arguments, PolicyReloader.Version version, PolicyReloader reloader,
                                 PolicyInstrumentation advice, AgentStatus status) {
        try {
            if (version != null) {
                reloader.apply(version);
                BulwarkLog.info("Bulwark " + version() + " guards " + version.policies().policies().size()
                        + " policies from " + reloader.file().toAbsolutePath());
            }
        } catch (Throwable fault) {
            BulwarkLog.internalFault("putting the policies in force", fault);
            if (arguments.strict()) {
                System.exit(1);
            }
        } finally {
            GuardRegistry.assembled();
            // After the policies' MBeans, which are published in the same order: a JMX client that finds the
            // Agent MBean finds theirs too.
            MBeans.register(MBeans.agentName(), status);
        }
        if (arguments.reload()) {
            PolicyFileWatcher.start(reloader);
        }
        UnmatchedPatternReport.schedule(advice, status, arguments.reportUnmatchedAfter());
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
