package dev.bulwark.agent.cli;

import dev.bulwark.agent.matching.MethodPattern;
import dev.bulwark.agent.policyfile.PolicyDefinition;
import dev.bulwark.agent.policyfile.PolicyFile;
import dev.bulwark.agent.policyfile.PolicyFileException;
import dev.bulwark.agent.policyfile.PolicyFileParser;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The agent jar's command line. {@code validate policies.json} checks a policy file exactly as the agent would, so
 * that a CI pipeline can refuse a bad file before it reaches any JVM. {@code status}, {@code breaker} and
 * {@code reload} reach the Bulwark in a running JVM on this machine through JMX, as JConsole does, for an operator
 * where no JConsole can run (a server, a container).
 */
public final class BulwarkCommand {
    private static final List<String> BREAKER_OPERATIONS = List.of("forceOpen", "forceClose", "disable", "reset");
    private static final String USAGE = String.join("\n",
            "usage: java -jar bulwark-agent.jar validate <policy file>",
            "       java -jar bulwark-agent.jar status <pid>",
            "       java -jar bulwark-agent.jar breaker <pid> <policy> " + String.join("|", BREAKER_OPERATIONS),
            "       java -jar bulwark-agent.jar reload <pid>");

    private BulwarkCommand() {
    }

    /** @param args a command and its arguments, as {@link #USAGE} lists them */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * @return the exit code: 0 when the command did what it says (a valid file, a status read, an operation or reload
     *     done), 1 when it could not (an invalid file, a JVM without Bulwark, an unknown policy, a refused reload),
     *     2 for a usage error
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "" : args[0];
        try {
            if (command.equals("validate") && args.length == 2) {
                return validate(Path.of(args[1]), out, err);
            }
            if (command.equals("status") && args.length == 2) {
                try (RunningAgent agent = RunningAgent.attach(args[1])) {
                    agent.printStatus(out);
                }
                return 0;
            }
            if (command.equals("breaker") && args.length == 4 && BREAKER_OPERATIONS.contains(args[3])) {
                try (RunningAgent agent = RunningAgent.attach(args[1])) {
                    out.println(args[2] + ": circuit breaker " + agent.operateBreaker(args[2], args[3]));
                }
                return 0;
            }
            if (command.equals("reload") && args.length == 2) {
                try (RunningAgent agent = RunningAgent.attach(args[1])) {
                    out.println(agent.reload());
                }
                return 0;
            }
        } catch (RunningAgent.CommandException e) {
            err.println("bulwark: " + e.getMessage());
            return 1;
        } catch (LinkageError noAttach) {
            // A runtime without the jdk.attach module (a JRE, a jlinked image) cannot reach another JVM.
            err.println("bulwark: " + command + " needs a JDK with the modules jdk.attach and java.management: "
                    + noAttach);
            return 1;
        }
        err.println(USAGE);
        return 2;
    }

    private static int validate(Path file, PrintStream out, PrintStream err) {
        try {
            PolicyFile policies = new PolicyFileParser().parse(file);
            out.println(file + ": valid, " + policies.policies().size() + " policies");
            for (PolicyDefinition policy : policies.policies()) {
                out.println("  " + policy.name() + ": " + PolicySummary.of(policy));
                for (MethodPattern pattern : policy.methods()) {
                    out.println("    " + pattern + "  ->  " + PatternSummary.of(pattern));
                }
            }
            return 0;
        } catch (PolicyFileException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
