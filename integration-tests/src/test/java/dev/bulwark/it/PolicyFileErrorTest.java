package dev.bulwark.it;

import dev.bulwark.it.apps.IdleApp;
import dev.bulwark.it.support.AgentJvm;
import dev.bulwark.it.support.PolicyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An unusable policy file: one clear error naming the file and position; the app runs on unless strict. */
class PolicyFileErrorTest {

    @TempDir
    Path folder;

    @Test
    void malformedJsonNamesFileLineAndColumnAndTheAppRunsOn() throws Exception {
        Path policy = PolicyFiles.writeInvalid(folder, """
                {
                  "version": 1,
                  "policies": [
                    { "name": "orders-db" "methods": [] }
                  ]
                }
                """);

        assertRunsOnAfter(policy, policy + ":4:27: policies[0].name: Unexpected character ('\"' (code 34)): was expecting comma "
                + "to separate Object entries");
    }

    @Test
    void unknownKeyNamesTheKeyItsPathAndTheAllowedKeys() throws Exception {
        Path policy = PolicyFiles.writeInvalid(folder, """
                {
                  "version": 1,
                  "policies": [
                    {
                      "name": "orders-db",
                      "methods": ["javax.sql.DataSource#getConnection(..)"],
                      "circuitBreaker": { "failureRateTreshold": 50 }
                    }
                  ]
                }
                """);

        assertRunsOnAfter(policy, policy + ":7:27: policies[0].circuitBreaker.failureRateTreshold: "
                + "unknown key \"failureRateTreshold\" (did you mean \"failureRateThreshold\"?); allowed keys: "
                + "automaticTransitionFromOpenToHalfOpenEnabled, failureRateThreshold, ignoreExceptions, "
                + "maxWaitDurationInHalfOpenState, minimumNumberOfCalls, permittedNumberOfCallsInHalfOpenState, "
                + "recordExceptions, slidingWindowSize, slidingWindowType, slowCallDurationThreshold, "
                + "slowCallRateThreshold, waitDurationInOpenState");
    }

    @Test
    void badDurationSaysWhatIsAllowed() throws Exception {
        Path policy = PolicyFiles.writeInvalid(folder, """
                {
                  "version": 1,
                  "policies": [
                    {
                      "name": "orders-db",
                      "methods": ["javax.sql.DataSource#getConnection(..)"],
                      "circuitBreaker": { "waitDurationInOpenState": "10 seconds" }
                    }
                  ]
                }
                """);

        assertRunsOnAfter(policy, policy + ":7:27: policies[0].circuitBreaker.waitDurationInOpenState: "
                + "\"10 seconds\" is not a duration such as \"500ms\", \"10s\", \"2m\", \"1h\" or ISO-8601 \"PT10S\"");
    }

    @Test
    void missingFileIsNamed() throws Exception {
        Path missing = folder.resolve("no-such-policies.json");

        assertRunsOnAfter(missing, missing + ": policy file not found");
    }

    @Test
    void strictModeStopsTheJvmInsteadOfRunningUnguarded() throws Exception {
        Path policy = PolicyFiles.writeInvalid(folder, "{ \"version\": 1, \"policies\": [ { \"name\": \"x\" } ] }");

        try (AgentJvm app = AgentJvm.start("policy=" + policy + ",strict=true", IdleApp.class)) {
            assertThat(app.awaitExit()).isNotZero();
            assertThat(app.output()).noneMatch(line -> line.equals("APP RUNNING"));
            assertThat(app.output()).anyMatch(line -> line.contains(policy + ":1:")
                    && line.contains("\"methods\" is missing; list at least one method pattern"));
        }
    }

    @Test
    void policyFileMayComeFromTheSystemPropertyWhenTheAgentHasNoArgument() throws Exception {
        Path good = PolicyFiles.write(folder, """
                { "version": 1, "policies": [ { "name": "a", "methods": ["com.example.A#a()"] } ] }
                """);
        try (AgentJvm app = AgentJvm.start(null, List.of("-Dbulwark.policy=" + good), IdleApp.class)) {
            assertThat(app.awaitExit()).isZero();
            assertThat(app.output()).anyMatch(line -> line.contains("Bulwark 0.1.0-SNAPSHOT guards 1 policies from "
                    + good));
        }
    }

    private static void assertRunsOnAfter(Path policy, String expectedError) throws Exception {
        try (AgentJvm app = AgentJvm.start(policy.toString(), IdleApp.class)) {
            assertThat(app.awaitExit()).isZero();
            assertThat(app.output()).contains("APP RUNNING");
            assertThat(app.output()).anyMatch(line -> line.contains("Bulwark: " + expectedError));
            assertThat(app.output()).anyMatch(line -> line.contains("the application runs without policies"));
        }
    }
}
