package dev.bulwark.agent;

import dev.bulwark.agent.instrument.PolicyInstrumentation;
import dev.bulwark.agent.policyfile.PolicyDefinition;
import dev.bulwark.agent.policyfile.PolicyFileException;
import dev.bulwark.agent.policyfile.PolicyMethods;
import dev.bulwark.agent.reload.ActivePolicies;
import dev.bulwark.agent.reload.PolicyFileWatcher;
import dev.bulwark.agent.reload.PolicyReloader;
import dev.bulwark.runtime.guard.GuardRegistry;
import dev.bulwark.runtime.jmx.AgentStatus;
import dev.bulwark.runtime.jmx.MBeans;
import dev.bulwark.runtime.log.BulwarkLog;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.List;
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
        PolicyReloader.Draft draft = read(reloader::draft, status, arguments.strict());
        PolicyReloader.Version checked = null;
        if (draft != null && (arguments.strict() || draft.methods() == null)) {
            // In strict mode an unusable file must stop the JVM before the application's main; and a file whose
            // methods cannot be read before its checks is refused here, as it would be later.
            PolicyReloader.Draft read = draft;
            checked = read(() -> reloader.check(read), status, arguments.strict());
            draft = checked == null ? null : draft;
        }
        // Only what advising classes needs happens before the application's main: which methods the policies name.
        // The checks, the guards, their MBeans and the log line follow on another thread; a call that comes first
        // waits there for its guard.
        PolicyReloader.Draft advised = draft;
        PolicyReloader.Version version = checked;
        Thread assembler = new Thread(() -> assemble(arguments, reloader, advised, version, advice, status),
                "bulwark-start");
        // Not a daemon: an application that ends at once still waits the moment it takes, so its log tells that
        // the policies were in force.
        assembler.setDaemon(false);
        if (draft != null) {
            advice.update(version != null ? methodsOf(version) : draft.methods());
            GuardRegistry.assembling(assembler);
        }
        assembler.start();
        advice.install(status);
    }

    /** @return what {@code reading} read, or {@code null} when the file cannot be used, which is reported */
    private static <T> T read(PolicyReloader.Reading<T> reading, AgentStatus status, boolean strict) {
        try {
            return reading.read();
        } catch (PolicyFileException e) {
            String error = "Bulwark: " + e.getMessage() + "\nBulwark: the application runs without policies";
            status.addError(error);
            refuse(error, strict);
            return null;
        }
    }

    private static List<PolicyMethods> methodsOf(PolicyReloader.Version version) {
        return version.policies().policies().stream().map(PolicyDefinition::advisedMethods).toList();
    }

    /**
     * Checks the policy file read at start-up and puts it in force, then watches the file; on the assembling thread,
     * while the application starts. A file refused here leaves no method advised.
     *
     * @param draft the policy file as read, {@code null} when it could not be used
     * @param checked the policy file as checked, {@code null} when it is still to be checked
     */
    private static void assemble(AgentArguments arguments, PolicyReloader reloader, PolicyReloader.Draft draft,
                                 PolicyReloader.Version checked, PolicyInstrumentation advice, AgentStatus status) {
        try {
            PolicyReloader.Version version = checked != null || draft == null ? checked
                    : read(() -> reloader.check(draft), status, arguments.strict());
            if (version != null) {
                reloader.apply(version);
                BulwarkLog.info("Bulwark " + version() + " guards " + version.policies().policies().size()
                        + " policies from " + reloader.file().toAbsolutePath());
            } else if (draft != null) {
                advice.update(List.of());
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
