package dev.bulwark.agent;

import dev.bulwark.agent.policyfile.DurationText;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's arguments, {@code -javaagent:bulwark-agent.jar=<path>} or
 * {@code -javaagent:bulwark-agent.jar=policy=<path>[,key=value...]}.
 *
 * @param policyFile the policy file named by the argument, if any
 * @param strict whether an unusable policy file stops the JVM instead of running it unguarded
 * @param reportUnmatchedAfter how long after start-up patterns that matched nothing are logged
 * @param reload whether changes to the policy file are applied while the application runs
 */
public record AgentArguments(Optional<Path> policyFile, boolean strict, Duration reportUnmatchedAfter,
                             boolean reload) {
    /** The system property that may name the policy file. */
    public static final String POLICY_PROPERTY = "bulwark.policy";
    /** The environment variable that may name the policy file. */
    public static final String POLICY_ENVIRONMENT_VARIABLE = "BULWARK_POLICY";

    private static final String ALLOWED =
            "policy=<path>, strict=true|false, reload=true|false, reportUnmatchedAfter=<duration>";

    /**
     * @param arguments the text after {@code =} in {@code -javaagent}, possibly {@code null}
     * @return the parsed arguments
     * @throws IllegalArgumentException naming the bad argument and what is allowed
     */
    public static AgentArguments parse(String arguments) {
        Optional<Path> policy = Optional.empty();
        boolean strict = false;
        boolean reload = true;
        Duration reportUnmatchedAfter = Duration.ofMinutes(1);
        if (arguments == null || arguments.isBlank()) {
            return new AgentArguments(policy, strict, reportUnmatchedAfter, reload);
        }
        if (!arguments.contains("=")) {
            return new AgentArguments(Optional.of(Path.of(arguments.strip())), strict, reportUnmatchedAfter, reload);
        }
        for (String argument : arguments.split(",")) {
            String[] keyValue = argument.split("=", 2);
            if (keyValue.length != 2 || keyValue[1].isBlank()) {
                throw new IllegalArgumentException("agent argument \"" + argument + "\" is not key=value; allowed: "
                        + ALLOWED);
            }
            String value = keyValue[1].strip();
            switch (keyValue[0].strip()) {
                case "policy" -> policy = Optional.of(Path.of(value));
                case "strict" -> strict = parseBoolean(argument, value);
                case "reload" -> reload = parseBoolean(argument, value);
                case "reportUnmatchedAfter" -> reportUnmatchedAfter = DurationText.parse(value);
                default -> throw new IllegalArgumentException("unknown agent argument \"" + keyValue[0].strip()
                        + "\"; allowed: " + ALLOWED);
            }
        }
        return new AgentArguments(policy, strict, reportUnmatchedAfter, reload);
    }

    /**
     * @param systemProperty the value of {@value #POLICY_PROPERTY}, possibly {@code null}
     * @param environment the process environment
     * @return the policy file: the agent argument wins, then the system property, then the environment variable
     */
    public Optional<Path> resolvePolicyFile(String systemProperty, Map<String, String> environment) {
        if (policyFile.isPresent()) {
            return policyFile;
        }
        if (systemProperty != null && !systemProperty.isBlank()) {
            return Optional.of(Path.of(systemProperty.strip()));
        }
        String fromEnvironment = environment.get(POLICY_ENVIRONMENT_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank()
                ? Optional.empty() : Optional.of(Path.of(fromEnvironment.strip()));
    }

    private static boolean parseBoolean(String argument, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("agent argument \"" + argument + "\" must be true or false");
        }
        return Boolean.parseBoolean(value);
    }
}
