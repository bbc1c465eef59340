package dev.bulwark.it;

import dev.bulwark.it.apps.EarlyCallApp;
import dev.bulwark.it.support.AgentJvm;
import dev.bulwark.it.support.PolicyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What the agent does while the application starts. */
class StartupTest {

    @TempDir
    Path folder;

    /**
     * The agent advises classes before {@code main} and puts the guards in place on another thread meanwhile, in the
     * file's order: with two thousand policies before it, the guard of the one the first call needs comes well after
     * the call (without the wait, that call fails unguarded).
     */
    @Test
    void aCallMadeTheMomentMainStartsWaitsForItsGuard() throws Exception {
        StringBuilder policies = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            policies.append("{ \"name\": \"unused-").append(i).append("\", \"methods\": [\"com.example.Unused#call")
                    .append(i).append("()\"], \"circuitBreaker\": {} }, ");
        }
        Path policy = PolicyFiles.write(folder, "{ \"version\": 1, \"policies\": [ " + policies
                + "{ \"name\": \"prices\", \"methods\": [\"dev.bulwark.it.apps.EarlyCallApp$PriceList#price(..)\"], "
                + "\"fallback\": { \"value\": \"0.00\" } } ] }");
        try (AgentJvm app = AgentJvm.start(policy.toString(), EarlyCallApp.class)) {
            assertThat(app.awaitExit()).isZero();
            assertThat(app.output()).contains("FIRST CALL RETURNED 0.00");
        }
    }

    /**
     * The methods are advised before the file's checks have run; a file they refuse leaves the application running
     * without policies from its first call on.
     */
    @Test
    void aFileTheChecksRefuseGuardsNotEvenTheFirstCall() throws Exception {
        Path policy = PolicyFiles.writeInvalid(folder, """
                { "version": 1, "policies": [ { "name": "prices",
                  "methods": ["dev.bulwark.it.apps.EarlyCallApp$PriceList#price(..)"],
                  "fallback": { "value": "0.00" }, "circuitBreaker": { "failureRateThreshold": 500 } } ] }
                """);
        try (AgentJvm app = AgentJvm.start(policy.toString(), EarlyCallApp.class)) {
            assertThat(app.awaitExit()).isZero();
            assertThat(app.output()).contains("FIRST CALL THREW java.lang.IllegalStateException");
            assertThat(app.output()).anyMatch(line -> line.contains("policies[0].circuitBreaker: failureRateThreshold"));
            assertThat(app.output()).anyMatch(line -> line.contains("the application runs without policies"));
        }
    }
}
