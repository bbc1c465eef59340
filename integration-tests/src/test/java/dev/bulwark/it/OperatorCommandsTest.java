package dev.bulwark.it;

import dev.bulwark.it.apps.ToolkitApp;
import dev.bulwark.it.support.AgentJvm;
import dev.bulwark.it.support.PolicyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.bulwark.it.ToolkitFixture.lastOutcome;
import static dev.bulwark.it.ToolkitFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar bulwark-agent.jar status|breaker|reload <pid>}: what an operator runs on a server or in a
 * container where JConsole cannot, against an app in another JVM.
 */
class OperatorCommandsTest {
    private static final String POLICY = """
            { "name": "warehouse", "methods": ["dev.bulwark.it.apps.ToolkitApp$Warehouse#quote(..)"],
              "retry": { "maxAttempts": 2, "waitDuration": "0ms" }, "circuitBreaker": {} }""";

    @TempDir
    Path folder;

    @Test
    void statusShowsEachPolicysKindsWithTheirLiveFigures() throws Exception {
        try (AgentJvm app = startApp()) {
            run(app, "quote sku-1");
            app.jmx(); // returns once the app has started and its MBeans are published

            try (AgentJvm status = AgentJvm.command("status", String.valueOf(app.pid()))) {
                assertThat(status.awaitExit()).isZero();
                assertThat(status.output()).contains("warehouse")
                        .anyMatch(line -> line.startsWith("Bulwark ") && line.contains(" in JVM " + app.pid()))
                        .anyMatch(line -> line.startsWith("  CircuitBreaker: State CLOSED, ")
                                && line.contains("SuccessfulCalls 1"))
                        .anyMatch(line -> line.startsWith("  Retry: ")
                                && line.contains("SuccessfulCallsWithoutRetryAttempt 1"));
            }
        }
    }

    @Test
    void breakerForceOpenRejectsTheAppsNextCall() throws Exception {
        try (AgentJvm app = startApp()) {
            app.jmx();

            try (AgentJvm breaker = AgentJvm.command("breaker", String.valueOf(app.pid()), "warehouse",
                    "forceOpen")) {
                assertThat(breaker.awaitExit()).isZero();
                assertThat(breaker.output()).containsExactly("warehouse: circuit breaker FORCED_OPEN");
            }
            run(app, "quote sku-1");

            assertThat(lastOutcome(app, "quote")).startsWith("quote THREW dev.bulwark.runtime.rejection."
                    + "CallRejectedException: Bulwark policy 'warehouse' rejected the call");
        }
    }

    @Test
    void anUnknownPolicyExitsOneAndNamesThePoliciesThereAre() throws Exception {
        try (AgentJvm app = startApp()) {
            app.jmx();

            try (AgentJvm breaker = AgentJvm.command("breaker", String.valueOf(app.pid()), "warehose", "reset")) {
                assertThat(breaker.awaitExit()).isEqualTo(1);
                assertThat(breaker.errorOutput()).containsExactly("bulwark: JVM " + app.pid()
                        + " has no policy 'warehose'; its policies: warehouse");
            }
        }
    }

    @Test
    void reloadAppliesTheChangedFileAtOnce() throws Exception {
        Path policies = PolicyFiles.write(folder, file(POLICY));
        try (AgentJvm app = startWithoutWatching(policies)) {
            PolicyFiles.writeTo(policies,
                    file(POLICY.replace("\"circuitBreaker\": {}", "\"circuitBreaker\": {}, \"bulkhead\": {}")));

            try (AgentJvm reload = AgentJvm.command("reload", String.valueOf(app.pid()))) {
                assertThat(reload.awaitExit()).isZero();
                assertThat(reload.output()).singleElement().asString()
                        .startsWith("Bulwark reloaded " + policies).endsWith("changed [warehouse], removed []");
            }
            assertThat(app.jmx().isRegistered("dev.bulwark:type=Bulkhead,name=warehouse")).isTrue();
        }
    }

    @Test
    void aRefusedReloadExitsOneWithTheReasonOnStandardError() throws Exception {
        Path policies = PolicyFiles.write(folder, file(POLICY));
        try (AgentJvm app = startWithoutWatching(policies)) {
            // Invalid on purpose: no attempt at all.
            Files.writeString(policies, file(POLICY.replace("\"maxAttempts\": 2", "\"maxAttempts\": 0")));

            try (AgentJvm reload = AgentJvm.command("reload", String.valueOf(app.pid()))) {
                assertThat(reload.awaitExit()).isEqualTo(1);
                assertThat(reload.errorOutput()).singleElement().asString()
                        .startsWith("bulwark: Bulwark refused the changed policy file; the running policies stay: "
                                + policies)
                        .contains("maxAttempts");
            }
            assertThat((String) app.jmx().agent("LastReloadError")).contains("maxAttempts");
            assertThat((String[]) app.jmx().agent("Policies")).containsExactly("warehouse");
        }
    }

    @Test
    void aPolicyWithoutABreakerAndAMisspelledOperationAreToldApart() throws Exception {
        try (AgentJvm app = ToolkitFixture.start(folder, """
                { "name": "retried", "methods": ["dev.bulwark.it.apps.ToolkitApp$Warehouse#quote(..)"],
                  "retry": {} }""", "http://127.0.0.1:1/unused")) {
            app.jmx();

            try (AgentJvm breaker = AgentJvm.command("breaker", String.valueOf(app.pid()), "retried", "reset")) {
                assertThat(breaker.awaitExit()).isEqualTo(1);
                assertThat(breaker.errorOutput()).containsExactly("bulwark: policy 'retried' in JVM " + app.pid()
                        + " has no circuit breaker");
            }
            try (AgentJvm breaker = AgentJvm.command("breaker", String.valueOf(app.pid()), "retried", "open")) {
                assertThat(breaker.awaitExit()).isEqualTo(2);
                assertThat(breaker.errorOutput()).first().asString().startsWith("usage: ");
            }
        }
    }

    @Test
    void aJvmWithoutBulwarkExitsOneAndSaysSo() throws Exception {
        try (AgentJvm plain = AgentJvm.startWithoutAgent(ToolkitApp.class, "http://127.0.0.1:1/unused")) {
            plain.awaitLineContaining("APP READY");

            try (AgentJvm status = AgentJvm.command("status", String.valueOf(plain.pid()))) {
                assertThat(status.awaitExit()).isEqualTo(1);
                assertThat(status.errorOutput()).containsExactly("bulwark: JVM " + plain.pid() + " shows no Bulwark "
                        + "MBeans: it runs without the agent, or the agent has not published them yet (it does once "
                        + "the app has started)");
            }
        }
    }

    /** Starts the app with the file not watched, so that only the reload command applies a change. */
    private static AgentJvm startWithoutWatching(Path policies) throws Exception {
        AgentJvm app = AgentJvm.start("policy=" + policies + ",reload=false", ToolkitApp.class,
                "http://127.0.0.1:1/unused");
        app.awaitLineContaining("APP READY");
        app.jmx(); // returns once the app has started and its MBeans are published
        return app;
    }

    private static String file(String policy) {
        return "{ \"version\": 1, \"policies\": [ " + policy + " ] }";
    }

    private AgentJvm startApp() throws Exception {
        return ToolkitFixture.start(folder, POLICY, "http://127.0.0.1:1/unused");
    }
}
