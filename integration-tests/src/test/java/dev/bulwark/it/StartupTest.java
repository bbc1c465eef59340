package dev.bulwark.it;

import dev.bulwark.it.apps.EarlyCallApp;
import dev.bulwark.it.apps.GatewayApp;
import dev.bulwark.it.support.AgentJvm;
import dev.bulwark.it.support.PolicyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

    /**
     * One agent per JVM: a second {@code -javaagent} (one on the command line, one in {@code JAVA_TOOL_OPTIONS}, say)
     * started a second agent, whose file's policies the Agent MBean then showed. The second start says so and steps
     * aside.
     */
    @Test
    void aSecondJavaagentStartsNothingAndNamesTheFileInForce() throws Exception {
        Path first = gatewayPolicy("gateway");
        Path second = gatewayPolicy("second");
        try (AgentJvm app = AgentJvm.start("policy=" + first,
                List.of("-javaagent:" + AgentJvm.agentJar() + "=policy=" + second), GatewayApp.class)) {
            app.awaitLineContaining("APP READY");
            app.send("1");
            app.awaitLineContaining("ROUND 1 DONE");

            assertThat((String[]) app.jmx().agent("Policies")).containsExactly("gateway");
            assertThat(app.jmx().breaker("gateway", "BufferedCalls")).isEqualTo(3);
            assertThat(app.jmx().isRegistered("dev.bulwark:type=CircuitBreaker,name=second")).isFalse();
            assertThat(app.output()).anyMatch(line -> line.contains("Bulwark is already running in this JVM")
                    && line.contains(first.toString()) && line.contains(second.toString()));
        }
    }

    /** Attaching again to a JVM Bulwark already guards changes nothing; the file in force is changed by editing it. */
    @Test
    void attachingASecondTimeLeavesTheRunningAgentAsItIs() throws Exception {
        Path policy = gatewayPolicy("gateway");
        try (AgentJvm app = AgentJvm.startWithoutAgent(GatewayApp.class)) {
            app.awaitLineContaining("APP READY");
            app.attachAgent("policy=" + policy);
            app.attachAgent("policy=" + policy);
            app.awaitLineContaining("Bulwark is already running in this JVM");
            app.send("1");
            app.awaitLineContaining("ROUND 1 DONE");

            assertThat(app.jmx().breaker("gateway", "BufferedCalls")).isEqualTo(3);
            assertThat(app.countLines(line -> line.contains(" guards 1 policies from "))).isEqualTo(1);
        }
    }

    /** A start that installed nothing, for want of a policy file, leaves the JVM to an attach that names one. */
    @Test
    void anAttachWithAPolicyFileGuardsAJvmWhoseAgentStartedWithout() throws Exception {
        Path policy = gatewayPolicy("gateway");
        try (AgentJvm app = AgentJvm.start(null, GatewayApp.class)) {
            app.awaitLineContaining("APP READY");
            app.awaitLineContaining("no policy file given");
            app.attachAgent("policy=" + policy);
            app.send("1");
            app.awaitLineContaining("ROUND 1 DONE");

            // The new Agent MBean takes the place of the first start's once class loading is quiet.
            await().atMost(AgentJvm.PATIENCE).untilAsserted(() ->
                    assertThat((String[]) app.jmx().agent("Policies")).containsExactly("gateway"));
            assertThat(app.jmx().breaker("gateway", "BufferedCalls")).isEqualTo(3);
            assertThat(app.output()).noneMatch(line -> line.contains("already running"));
        }
    }

    private Path gatewayPolicy(String name) throws IOException {
        return PolicyFiles.write(folder, """
                { "version": 1, "policies": [ { "name": "%s",
                  "methods": ["dev.bulwark.it.apps.*Gateway#fetch*(java.lang.String)",
                              "dev.bulwark.it.apps.StockSource#stock(..)"],
                  "circuitBreaker": {} } ] }
                """.formatted(name));
    }
}
