package dev.bulwark.it;

import dev.bulwark.it.apps.GatewayApp;
import dev.bulwark.it.apps.ToolkitApp;
import dev.bulwark.it.support.AgentJvm;
import dev.bulwark.it.support.PolicyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static dev.bulwark.it.ToolkitFixture.lastOutcome;
import static dev.bulwark.it.ToolkitFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Changes to the policy file while the application runs, made the ways operators and Kubernetes make them. */
class PolicyReloadTest {
    private static final String GATEWAY = """
            { "name": "gateway", "methods": ["dev.bulwark.it.apps.InventoryGateway#fetch*(java.lang.String)"] }""";
    private static final String STOCK = """
            { "name": "stock", "methods": ["dev.bulwark.it.apps.StockSource#stock(..)"] }""";

    @TempDir
    Path folder;

    @Test
    void anEditAddsAPolicyToAnAlreadyLoadedClassAndKeepsTheStateOfTheUnchangedOne() throws Exception {
        Path policy = PolicyFiles.writeTo(folder.resolve("policies.json"), file(GATEWAY));
        try (AgentJvm app = startGateway(policy.toString())) {
            app.send("1");
            app.awaitLineContaining("ROUND 1 DONE");
            app.jmx().invokeOnBreaker("gateway", "forceOpen");

            PolicyFiles.writeTo(policy, file(GATEWAY, STOCK));

            awaitPolicies(app, "gateway", "stock");
            assertThat(app.jmx().breaker("gateway", "State")).isEqualTo("FORCED_OPEN");
            app.send("2");
            app.awaitLineContaining("ROUND 2 DONE");
            assertThat(app.output()).contains("ROUND 2 stock RETURNED 7");
            assertThat(app.jmx().breaker("stock", "BufferedCalls")).isEqualTo(1);
            assertThat(app.output()).anyMatch(line -> line.startsWith("ROUND 2 fetchStock THREW"));
            assertThat((String) app.jmx().agent("LastReloadError")).isEmpty();
        }
    }

    @Test
    void aNewThresholdKeepsTheBreakerButANewWindowSizeStartsAFreshOne() throws Exception {
        Path policy = PolicyFiles.writeTo(folder.resolve("policies.json"), file(GATEWAY));
        try (AgentJvm app = startGateway(policy.toString())) {
            app.jmx().invokeOnBreaker("gateway", "forceOpen");

            PolicyFiles.writeTo(policy, file(GATEWAY.replace("] }", "], \"circuitBreaker\": { \"failureRateThreshold\": 30 } }")));
            await().atMost(AgentJvm.PATIENCE).until(() -> app.output().stream()
                    .anyMatch(line -> line.contains("changed [gateway]")));
            assertThat(app.jmx().breaker("gateway", "State")).isEqualTo("FORCED_OPEN");

            PolicyFiles.writeTo(policy, file(GATEWAY.replace("] }", "], \"circuitBreaker\": { \"slidingWindowSize\": 10 } }")));
            await().atMost(AgentJvm.PATIENCE).until(() -> app.jmx().breaker("gateway", "State").equals("CLOSED"));
        }
    }

    @Test
    void anInvalidFileIsRefusedAndTheRunningPoliciesStay() throws Exception {
        Path policy = PolicyFiles.writeTo(folder.resolve("policies.json"), file(GATEWAY));
        try (AgentJvm app = startGateway(policy.toString())) {
            String shaInForce = (String) app.jmx().agent("PolicyFileSha256");

            Files.writeString(policy, file(GATEWAY).replace("\"gateway\"", "\"gate way\"")); // invalid on purpose

            await().atMost(AgentJvm.PATIENCE).until(() -> !((String) app.jmx().agent("LastReloadError")).isEmpty());
            assertThat((String) app.jmx().agent("LastReloadError"))
                    .contains(policy + ":4:1: policies[0]: ")
                    .contains("\"name\" must be letters, digits, '.', '_' or '-', was 'gate way'");
            assertThat((String[]) app.jmx().agent("Policies")).containsExactly("gateway");
            assertThat(app.jmx().agent("PolicyFileSha256")).isEqualTo(shaInForce);
            app.awaitLineContaining("Bulwark refused the changed policy file; the running policies stay");
            assertThat(app.jmx().isRegistered("dev.bulwark:type=CircuitBreaker,name=gateway")).isTrue();
        }
    }

    @Test
    void aRemovedPolicysMethodsGoStraightThroughAndItsMBeanIsGone() throws Exception {
        Path policy = PolicyFiles.writeTo(folder.resolve("policies.json"), file(GATEWAY, STOCK));
        try (AgentJvm app = startGateway(policy.toString())) {
            app.jmx().invokeOnBreaker("gateway", "forceOpen");

            PolicyFiles.writeTo(policy, file(STOCK));

            awaitPolicies(app, "stock");
            assertThat(app.jmx().isRegistered("dev.bulwark:type=CircuitBreaker,name=gateway")).isFalse();
            app.send("1");
            app.awaitLineContaining("ROUND 1 DONE");
            assertThat(app.output()).contains("ROUND 1 fetchStock RETURNED 7", "ROUND 1 fetchPrice RETURNED 9.99");
        }
    }

    @Test
    void anAtomicRenameOverTheFileIsPickedUp() throws Exception {
        Path policy = PolicyFiles.writeTo(folder.resolve("policies.json"), file(GATEWAY));
        try (AgentJvm app = startGateway(policy.toString())) {
            Path next = PolicyFiles.writeTo(folder.resolve("policies.json.tmp"), file(GATEWAY, STOCK));

            Files.move(next, policy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

            awaitPolicies(app, "gateway", "stock");
        }
    }

    @Test
    void aKubernetesConfigMapUpdateIsPickedUp() throws Exception {
        // The layout the kubelet keeps in a ConfigMap volume: the file is a symlink through "..data", and an
        // update writes a new timestamped folder, then atomically renames a new "..data" link over the old one.
        Path mount = Files.createDirectory(folder.resolve("config"));
        Path first = Files.createDirectory(mount.resolve("..2026_11_28_03_00_00.1"));
        PolicyFiles.writeTo(first.resolve("policies.json"), file(GATEWAY));
        Files.createSymbolicLink(mount.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(mount.resolve("policies.json"), Path.of("..data", "policies.json"));
        try (AgentJvm app = startGateway(mount.resolve("policies.json").toString())) {
            Path second = Files.createDirectory(mount.resolve("..2026_11_28_03_05_00.2"));
            PolicyFiles.writeTo(second.resolve("policies.json"), file(STOCK));
            Path newLink = Files.createSymbolicLink(mount.resolve("..data_tmp"), second.getFileName());

            Files.move(newLink, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);

            awaitPolicies(app, "stock");
        }
    }

    @Test
    void withReloadOffOnlyTheAgentMBeansReloadOperationAppliesAChange() throws Exception {
        Path policy = PolicyFiles.writeTo(folder.resolve("policies.json"), file(GATEWAY));
        try (AgentJvm app = startGateway("policy=" + policy + ",reload=false")) {
            PolicyFiles.writeTo(policy, file(GATEWAY, STOCK));

            String outcome = (String) app.jmx().invokeOnAgent("reload");

            assertThat(outcome).contains("added [stock]");
            assertThat((String[]) app.jmx().agent("Policies")).containsExactly("gateway", "stock");
        }
    }

    @Test
    void aTightenedTimeoutAndAnAddedRetryTakeEffectOnTheNextCall() throws Exception {
        String relaxed = """
                { "name": "warehouse", "methods": ["dev.bulwark.it.apps.ToolkitApp$Warehouse#nap(..)"],
                  "timeout": { "duration": "30s" } }""";
        Path policy = PolicyFiles.writeTo(folder.resolve("policies.json"), file(relaxed));
        try (AgentJvm app = AgentJvm.start("policy=" + policy, ToolkitApp.class, "http://127.0.0.1:1/unused")) {
            app.awaitLineContaining("APP READY");
            run(app, "nap 2000");
            assertThat(lastOutcome(app, "nap")).isEqualTo("nap RETURNED rested interrupted=false");

            // What an operator does at 3 a.m. when calls hang: a shorter deadline, and a second try.
            PolicyFiles.writeTo(policy, file(relaxed.replace("\"30s\" }", "\"300ms\" }, "
                    + "\"retry\": { \"maxAttempts\": 2, \"waitDuration\": \"0ms\" }")));
            await().atMost(AgentJvm.PATIENCE).until(() -> app.output().stream()
                    .anyMatch(line -> line.contains("changed [warehouse]")));
            run(app, "nap 2000");

            assertThat(lastOutcome(app, "nap")).startsWith("nap THREW dev.bulwark.runtime.rejection."
                    + "CallTimedOutException: Bulwark policy 'warehouse' timed out the call");
            assertThat(app.jmx().attribute("Retry", "warehouse", "RetryAttempts")).isEqualTo(1L);
            assertThat(app.jmx().attribute("Timeout", "warehouse", "TimedOutCalls")).isEqualTo(2L);
        }
    }

    private static void awaitPolicies(AgentJvm app, String... names) {
        await().atMost(AgentJvm.PATIENCE)
                .until(() -> java.util.Arrays.equals((String[]) app.jmx().agent("Policies"), names));
    }

    private static AgentJvm startGateway(String agentArguments) throws Exception {
        AgentJvm app = AgentJvm.start(agentArguments, GatewayApp.class);
        app.awaitLineContaining("APP READY");
        return app;
    }

    private static String file(String... policies) {
        return "{\n  \"version\": 1,\n  \"policies\": [\n" + String.join(",\n", policies) + "\n  ]\n}\n";
    }
}
