package dev.bulwark.agent;

import dev.bulwark.agent.instrument.PolicyInstrumentation;
import dev.bulwark.agent.policyfile.PolicyDefinition;
import dev.bulwark.agent.policyfile.PolicyFileException;
import dev.bulwark.agent.policyfile.PolicyFileParser;
import dev.bulwark.policies.circuitbreaker.CircuitBreaker;
import dev.bulwark.policies.time.NanoClock;
import dev.bulwark.runtime.guard.Guard;
import dev.bulwark.runtime.guard.GuardRegistry;
import dev.bulwark.runtime.jmx.AgentStatus;
import dev.bulwark.runtime.jmx.CircuitBreakerMBean;
import dev.bulwark.runtime.jmx.MBeans;
import dev.bulwark.runtime.log.BulwarkLog;
import dev.bulwark.runtime.log.StateTransitionLog;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Starts Bulwark once the runtime is on the boot class path: reads the policy file, puts a guard in place for
 * each policy, publishes the MBeans and installs the advice. An unusable policy file leaves the application
 * running without policies, or stops the JVM when {@code strict=true}.
 */
final class AgentStartup {
    private static final StateTransitionLog TRANSITION_LOG = new StateTransitionLog();

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
        List<PolicyDefinition> policies = List.of();
        String error = null;
        if (policyFile.isEmpty()) {
            error = "Bulwark: no policy file given: use -javaagent:bulwark-agent.jar=<path>, -D"
                    + AgentArguments.POLICY_PROPERTY + "=<path> or " + AgentArguments.POLICY_ENVIRONMENT_VARIABLE
                    + "=<path>; the application runs without policies";
        } else {
            try {
                policies = new PolicyFileParser().parse(policyFile.get()).policies();
            } catch (PolicyFileException e) {
                error = "Bulwark: " + e.getMessage() + "\nBulwark: the application runs without policies";
            }
        }
        if (error != null) {
            refuse(error, arguments.strict());
        }

        PolicyInstrumentation instrumentationOfPolicies = new PolicyInstrumentation(policies);
        AgentStatus status = new AgentStatus(version(),
                policyFile.map(path -> path.toAbsolutePath().toString()).orElse(""),
                policies.stream().map(PolicyDefinition::name).toList(),
                instrumentationOfPolicies::unmatchedPatterns);
        if (error != null) {
            status.addError(error);
        }
        for (PolicyDefinition policy : policies) {
            installGuard(policy);
        }
        MBeans.register(MBeans.agentName(), status);
        instrumentationOfPolicies.install(instrumentation, status);
        if (!policies.isEmpty()) {
            BulwarkLog.info("Bulwark " + version() + " guards " + policies.size() + " policies from "
                    + policyFile.get().toAbsolutePath());
            UnmatchedPatternReport.schedule(instrumentationOfPolicies, status, arguments.reportUnmatchedAfter());
        }
    }

    private static void installGuard(PolicyDefinition policy) {
        CircuitBreaker breaker = CircuitBreaker.create(policy.name(), policy.circuitBreakerConfig(),
                NanoClock.SYSTEM, TRANSITION_LOG);
        GuardRegistry.install(new Guard(policy.name(), breaker));
        MBeans.register(MBeans.circuitBreakerName(policy.name()), new CircuitBreakerMBean(breaker));
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
