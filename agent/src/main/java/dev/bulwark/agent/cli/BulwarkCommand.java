package dev.bulwark.agent.cli;

import dev.bulwark.agent.matching.MethodPattern;
import dev.bulwark.agent.policyfile.PolicyDefinition;
import dev.bulwark.agent.policyfile.PolicyFile;
import dev.bulwark.agent.policyfile.PolicyFileException;
import dev.bulwark.agent.policyfile.PolicyFileParser;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The agent jar's command line: {@code java -jar bulwark-agent.jar validate policies.json}. It checks a policy
 * file exactly as the agent would, so that a CI pipeline can refuse a bad file before it reaches any JVM.
 */
public final class BulwarkCommand {
    private static final String USAGE = "usage: java -jar bulwark-agent.jar validate <policy file>";

    private BulwarkCommand() {
    }

    /** @param args {@code validate <file>} */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * @return the exit code: 0 for a valid file, 1 for an invalid one, 2 for a usage error
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !args[0].equals("validate")) {
            err.println(USAGE);
            return 2;
        }
        Path file = Path.of(args[1]);
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
