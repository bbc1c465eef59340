package dev.bulwark.agent;

import dev.bulwark.agent.instrument.PolicyInstrumentation;
import dev.bulwark.agent.policyfile.PolicyDefinition;
import dev.bulwark.agent.policyfile.PolicyFileException;
import dev.bulwark.agent.policyfile.PolicyMethods;
import dev.bulwark.agent.reload.ActivePolicies;
import dev.bulwark.agent.reload.PolicyReloader;
import dev.bulwark.runtime.guard.GuardRegistry;
import dev.bulwark.runtime.jmx.AgentStatus;
import dev.bulwark.runtime.jmx.MBeans;
import dev.bulwark.runtime.log.BulwarkLog;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts Bulwark once the runtime is on the boot class path: reads the policy file and installs the advice of its
 * methods; then, on a thread of its own, puts a guard in place for each policy, publishes the MBeans and watches
 * the file for changes. An unusable policy file leaves the application running without policies, or stops the JVM
 * when {@code strict=true}. Once a start has installed its advice, a later one in the same JVM says so and changes
 * nothing; a start that installed nothing (no policy file given) leaves the JVM to the next.
 *
 * <p>Public only because {@link BulwarkAgent}, which the application class loader defines, calls it once the boot
 * loader defines the rest of the agent: the two are then in different run-time packages.
 */
public final class AgentStartup {
    // One Bulwark per JVM: a second one would add its own transformer and guards to the first's.
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    // Set when a start installs its transformer: what a later start tells the operator; null until then.
    private static volatile String inForce;

    private AgentStartup() {
    }

    /**
     * Starts Bulwark; never throws, and stops the JVM only when {@code strict=true} and the policy file is unusable.
     *
     * @param rawArguments the agent arguments as the JVM passed them, {@code null} when none were given
     * @param instrumentation the JVM's instrumentation
     * @param version the agent's version, as its jar's manifest gives it
     */
    public static void start(String rawArguments, Instrumentation instrumentation, String version) {
        if (!STARTED.compareAndSet(false, true)) {
            stepAsideForTheRunningAgent(rawArguments);
            return;
        }
        AgentArguments arguments;
        try {
            arguments = AgentArguments.parse(rawArguments);
        } catch (IllegalArgumentException e) {
            refuse("Bulwark: " + e.getMessage(), rawArguments != null && rawArguments.contains("strict=true"));
            arguments = AgentArguments.parse(null);
        }
        try {
            run(arguments, instrumentation, version);
        } catch (Throwable fault) {
            BulwarkLog.internalFault("starting the agent", fault, arguments.strict()
                    ? "the JVM stops, as strict=true asks" : "the application runs unguarded");
            if (arguments.strict()) {
                System.exit(1);
            }
        } finally {
            if (inForce == null) {
                // Nothing was installed: an attach with a policy file may still guard the application.
                STARTED.set(false);
            }
        }
    }

    private static void run(AgentArguments arguments, Instrumentation instrumentation, String version) {
        Optional<Path> policyFile = arguments.resolvePolicyFile(
                System.getProperty(AgentArguments.POLICY_PROPERTY), System.getenv());
        MBeans.hold();
        PolicyInstrumentation advice = new PolicyInstrumentation(instrumentation);
        CountDownLatch done = new CountDownLatch(1);
        boolean assembling = false;
        try {
            assembling = start(arguments, policyFile, advice, version, done);
        } finally {
            done.countDown();
            if (!assembling) {
                // At once when the advice was not installed; otherwise the assembler does it, off the main thread.
                advice.whenClassLoadingQuiet(MBeans::publishHeldInBackground);
            }
        }
    }

    /**
     * @param done handed to the thread that puts the policies in force; the caller counts it down once this has
     *             returned or thrown
     * @return whether the thread that puts the policies in force was started and the advice installed
     */
    private static boolean start(AgentArguments arguments, Optional<Path> policyFile, PolicyInstrumentation advice,
                                 String version, CountDownLatch done) {
        ActivePolicies active = new ActivePolicies(advice);
        AgentStatus status = new AgentStatus(version,
                policyFile.map(path -> path.toAbsolutePath().toString()).orElse(""),
                active::names, advice::unmatchedPatterns);
        if (policyFile.isEmpty()) {
            String error = "Bulwark: no policy file given: use -javaagent:bulwark-agent.jar=<path>, -D"
                    + AgentArguments.POLICY_PROPERTY + "=<path> or " + AgentArguments.POLICY_ENVIRONMENT_VARIABLE
                    + "=<path>; the application runs without policies";
            status.addError(error);
            MBeans.register(MBeans.agentName(), status);
            refuse(error, arguments.strict());
            return false;
        }
        PolicyReloader reloader = new PolicyReloader(policyFile.get(), active, status);
        status.setReloader(reloader::reload);
        PolicyReloader.Draft draft = read(reloader::draft, status, arguments.strict());
        // In strict mode an unusable file must stop the JVM before the application's main; and a file whose methods
        // cannot be read before its checks is refused here, as it would be later.
        boolean checkNow = draft != null && (arguments.strict() || draft.methods() == null);
        PolicyReloader.Version checked = checkNow ? read(() -> reloader.check(draft), status, arguments.strict())
                : null;
        List<PolicyMethods> methods = checked != null ? methodsOf(checked)
                : draft != null && !checkNow ? draft.methods() : null;
        // Only what advising classes needs happens before the application's main: which methods the policies name.
        // The checks, the guards, their MBeans and the log line follow on another thread; a call that comes first
        // waits there for its guard.
        Thread assembler = new Thread(new StartupAssembly(arguments, reloader, checkNow ? null : draft, checked,
                advice, status, done), "bulwark-start");
        // Not a daemon: an application that ends at once still waits the moment it takes, so its log tells that
        // the policies were in force.
        assembler.setDaemon(false);
        if (methods != null) {
            advice.update(methods);
            GuardRegistry.assembling(assembler);
        }
        assembler.start();
        inForce = describeInForce(reloader.file(), arguments.reload());
        advice.install(status);
        return true;
    }

    private static String describeInForce(Path policyFile, boolean watched) {
        String reload = "the operation reload of the MBean " + MBeans.agentName();
        return "with the policy file " + policyFile.toAbsolutePath() + ". To change the policies in force, edit that "
                + (watched ? "file (Bulwark watches it) or call " + reload
                        : "file, then call " + reload + " (reload=false: Bulwark does not watch the file)");
    }

    /**
     * A second {@code -javaagent} (one on the command line and one in {@code JAVA_TOOL_OPTIONS}, say), or a second
     * attach: the agent already running stays as it is, whatever this start's arguments, {@code strict=true}
     * included.
     */
    private static void stepAsideForTheRunningAgent(String rawArguments) {
        String running = inForce;
        BulwarkLog.warning("Bulwark is already running in this JVM; this second start, with the arguments \""
                + (rawArguments == null ? "" : rawArguments) + "\", changes nothing, whatever its arguments. It runs "
                + (running == null ? "a start of its own that has not finished" : running));
    }

    /** @return what {@code reading} read, or {@code null} when the file cannot be used, which is reported */
    private static <T> T read(PolicyReloader.Reading<T> reading, AgentStatus status, boolean strict) {
        try {
            return reading.read();
        } catch (PolicyFileException e) {
            refused(e, status, strict);
            return null;
        }
    }

    /** Reports a policy file that cannot be used, and stops the JVM in strict mode. */
    static void refused(PolicyFileException refusal, AgentStatus status, boolean strict) {
        String error = "Bulwark: " + refusal.getMessage() + "\nBulwark: the application runs without policies";
        status.addError(error);
        refuse(error, strict);
    }

    private static List<PolicyMethods> methodsOf(PolicyReloader.Version version) {
        return version.policies().policies().stream().map(PolicyDefinition::advisedMethods).toList();
    }

    private static void refuse(String error, boolean strict) {
        BulwarkLog.error(error);
        if (strict) {
            BulwarkLog.error("Bulwark: strict=true, so the JVM stops");
            System.exit(1);
        }
    }
}
