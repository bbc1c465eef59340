package dev.bulwark.agent;

import dev.bulwark.agent.instrument.PolicyInstrumentation;
import dev.bulwark.agent.policyfile.PolicyFileException;
import dev.bulwark.agent.reload.PolicyFileWatcher;
import dev.bulwark.agent.reload.PolicyReloader;
import dev.bulwark.runtime.guard.GuardRegistry;
import dev.bulwark.runtime.jmx.AgentStatus;
import dev.bulwark.runtime.jmx.MBeans;
import dev.bulwark.runtime.log.BulwarkLog;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The part of start-up that need not hold up the application's {@code main}, run on the thread {@code bulwark-start}
 * while the application starts: checks the policy file read in {@code premain} and puts it in force (guards and
 * their MBeans), releases the calls waiting for their guards, logs, starts watching the file, and holds the MBeans
 * back until the application has started. A file the checks refuse, or a fault of Bulwark's while putting it in
 * force, leaves no method advised.
 */
final class StartupAssembly implements Runnable {
    private final AgentArguments arguments;
    private final PolicyReloader reloader;
    private final PolicyReloader.Draft unchecked;
    private final PolicyReloader.Version checked;
    private final PolicyInstrumentation advice;
    private final AgentStatus status;
    private final CountDownLatch premainDone;

    /**
     * @param unchecked the policy file as read, still to be checked; {@code null} when it was checked or refused
     * @param checked the policy file as checked in {@code premain}; {@code null} when it was not
     * @param premainDone counted down when {@code premain} has installed the advice, or failed to
     */
    StartupAssembly(AgentArguments arguments, PolicyReloader reloader, PolicyReloader.Draft unchecked,
                    PolicyReloader.Version checked, PolicyInstrumentation advice, AgentStatus status,
                    CountDownLatch premainDone) {
        this.arguments = arguments;
        this.reloader = reloader;
        this.unchecked = unchecked;
        this.checked = checked;
        this.advice = advice;
        this.status = status;
        this.premainDone = premainDone;
    }

    @Override
    public void run() {
        try {
            try {
                putInForce();
            } catch (Throwable fault) {
                stepAside(fault);
            } finally {
                GuardRegistry.assembled(Thread.currentThread());
                // After the policies' MBeans, which are published in the same order: a JMX client that finds the
                // Agent MBean finds theirs too.
                MBeans.register(MBeans.agentName(), status);
            }
            try {
                if (arguments.reload()) {
                    PolicyFileWatcher.start(reloader);
                }
            } catch (Throwable fault) {
                BulwarkLog.internalFault("starting to watch the policy file", fault,
                        "changes to the file take effect only through the Agent MBean's reload()");
            }
            try {
                UnmatchedPatternReport.schedule(advice, status, arguments.reportUnmatchedAfter());
            } catch (Throwable fault) {
                BulwarkLog.internalFault("scheduling the report of unmatched patterns", fault,
                        "patterns that match no method are listed only on the Agent MBean");
            }
        } finally {
            publishMBeansOnceTheApplicationHasStarted();
        }
    }

    /**
     * Here rather than in {@code premain}, which would start the watchdog's thread for it while main waits; but only
     * once {@code premain} has installed the filter, whose count of loaded classes tells when the application has
     * started (without it, the MBeans would be published at once).
     */
    private void publishMBeansOnceTheApplicationHasStarted() {
        try {
            premainDone.await();
            advice.whenClassLoadingQuiet(MBeans::publishHeldInBackground);
        } catch (Throwable fault) {
            BulwarkLog.internalFault("holding the MBeans until the application has started", fault,
                    "they are published now");
            MBeans.publishHeldInBackground();
        }
    }

    private void putInForce() {
        PolicyReloader.Version version = checked;
        PolicyFileException refusal = null;
        if (version == null && unchecked != null) {
            try {
                version = reloader.check(unchecked);
            } catch (PolicyFileException e) {
                refusal = e;
            }
        }
        if (version != null) {
            reloader.apply(version);
        } else {
            advice.update(List.of());
        }
        // Before logging: the application's logging may itself call an advised method, on a thread that waits.
        GuardRegistry.assembled(Thread.currentThread());
        if (refusal != null) {
            AgentStartup.refused(refusal, status, arguments.strict());
        } else if (version != null) {
            BulwarkLog.info("Bulwark " + status.getVersion() + " guards " + version.policies().policies().size()
                    + " policies from " + reloader.file().toAbsolutePath());
        }
    }

    /** A fault of Bulwark's own: the application runs unguarded rather than half guarded, or stops when strict. */
    private void stepAside(Throwable fault) {
        // Before logging, as in putInForce: the application's logging may call an advised method and wait.
        GuardRegistry.assembled(Thread.currentThread());
        BulwarkLog.internalFault("putting the policies in force", fault, arguments.strict()
                ? "the JVM stops, as strict=true asks" : "the application runs unguarded");
        try {
            advice.update(List.of());
        } catch (Throwable alsoFailed) {
            BulwarkLog.internalFault("removing the advice after a fault", alsoFailed,
                    "advised methods with no guard go straight through");
        }
        if (arguments.strict()) {
            System.exit(1);
        }
    }
}
