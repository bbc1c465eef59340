package dev.bulwark.it;

import dev.bulwark.it.support.AgentJvm;
import dev.bulwark.it.support.PolicyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar bulwark-agent.jar validate policies.json}, as a CI pipeline runs it before a roll-out. */
class ValidateCommandTest {

    @TempDir
    Path folder;

    @Test
    void aValidFileExitsZeroWithASummaryOfWhatEachPatternResolvesTo() throws Exception {
        Path demoPolicies = Path.of(System.getProperty("bulwark.repository"), "demo", "policies.json");

        try (AgentJvm validate = AgentJvm.command("validate", demoPolicies.toString())) {
            assertThat(validate.awaitExit()).isZero();
            assertThat(validate.output()).contains(
                    demoPolicies + ": valid, 3 policies",
                    "    javax.sql.DataSource#getConnection(..)  ->  2 public method(s) of interface "
                            + "javax.sql.DataSource, advised in every implementation");
            assertThat(validate.output()).noneMatch(line -> line.contains("warning: Sharing"));
        }
    }

    @Test
    void anInvalidFileExitsOneWithFileLineColumnAndMessage() throws Exception {
        Path policy = PolicyFiles.writeInvalid(folder, """
                {
                  "version": 1,
                  "policies": [
                    { "name": "orders-db", "methods": ["javax.sql.DataSource#getConnection(..)"],
                      "circuitBreaker": { "slidingWindowSize": 0 } }
                  ]
                }
                """);

        try (AgentJvm validate = AgentJvm.command("validate", policy.toString())) {
            assertThat(validate.awaitExit()).isEqualTo(1);
            assertThat(validate.output()).containsExactly(policy + ":5:7: policies[0].circuitBreaker: "
                    + "slidingWindowSize must be between 1 and 100000, was 0");
        }
    }

    @Test
    void aMisspelledCommandPrintsTheUsage() throws Exception {
        try (AgentJvm validate = AgentJvm.command("valdate", "policies.json")) {
            assertThat(validate.awaitExit()).isEqualTo(2);
            assertThat(validate.output()).containsExactly("usage: java -jar bulwark-agent.jar validate <policy file>",
                    "       java -jar bulwark-agent.jar status <pid>",
                    "       java -jar bulwark-agent.jar breaker <pid> <policy> forceOpen|forceClose|disable|reset",
                    "       java -jar bulwark-agent.jar reload <pid>");
        }
    }
}
