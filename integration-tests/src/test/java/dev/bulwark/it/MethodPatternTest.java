package dev.bulwark.it;

import dev.bulwark.it.apps.GatewayApp;
import dev.bulwark.it.support.AgentJvm;
import dev.bulwark.it.support.PolicyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Application methods named by wildcard patterns, and the exceptions their rejected calls throw. */
class MethodPatternTest {
    private static final String REJECTION = "Bulwark policy 'gateway' rejected the call: circuit breaker is FORCED_OPEN";

    @TempDir
    Path folder;

    @Test
    void advisesWhatThePatternsNameThroughSubtypesAndReportsWhatMatchedNothing() throws Exception {
        try (AgentJvm app = startGateway()) {
            app.send("1");
            app.awaitLineContaining("ROUND 1 DONE");

            assertThat((String[]) app.jmx().agent("InstrumentedMethods")).containsExactlyInAnyOrder(
                    "gateway: dev.bulwark.it.apps.InventoryGateway#fetchStock(java.lang.String)",
                    "gateway: dev.bulwark.it.apps.InventoryGateway#fetchPrice(java.lang.String)",
                    "gateway: dev.bulwark.it.apps.WarehouseStockSource#stock(java.lang.String)");
            assertThat((String[]) app.jmx().agent("UnmatchedPatterns"))
                    .containsExactly("gateway: com.example.NoSuchClient#get*()");
            assertThat((String[]) app.jmx().agent("Policies")).containsExactly("gateway");
            assertThat((String) app.jmx().agent("PolicyFile")).endsWith(".json");
            assertThat(app.jmx().breaker("gateway", "BufferedCalls")).isEqualTo(3);
        }
    }

    @Test
    void attachedToARunningJvmAdvisesTheClassesItHadAlreadyLoaded() throws Exception {
        try (AgentJvm app = AgentJvm.startWithoutAgent(GatewayApp.class)) {
            app.awaitLineContaining("APP READY");
            app.send("1");
            app.awaitLineContaining("ROUND 1 DONE");

            app.attachAgent("policy=" + gatewayPolicy());

            assertThat((String[]) app.jmx().agent("InstrumentedMethods")).containsExactlyInAnyOrder(
                    "gateway: dev.bulwark.it.apps.InventoryGateway#fetchStock(java.lang.String)",
                    "gateway: dev.bulwark.it.apps.InventoryGateway#fetchPrice(java.lang.String)",
                    "gateway: dev.bulwark.it.apps.WarehouseStockSource#stock(java.lang.String)");
            app.jmx().invokeOnBreaker("gateway", "forceOpen");
            app.send("2");
            app.awaitLineContaining("ROUND 2 DONE");
            assertThat(app.output()).contains(
                    "ROUND 2 fetchStock THREW dev.bulwark.it.apps.InventoryUnavailableException: " + REJECTION,
                    "ROUND 2 describe RETURNED gateway");
        }
    }

    /** Exact type names take another path at attach than wildcards: the loaded classes are searched for the name. */
    @Test
    void attachedToARunningJvmAdvisesAlreadyLoadedClassesNamedExactly() throws Exception {
        Path policy = PolicyFiles.write(folder, """
                { "version": 1, "policies": [ { "name": "gateway",
                  "methods": ["dev.bulwark.it.apps.InventoryGateway#fetchStock(java.lang.String)",
                              "dev.bulwark.it.apps.StockSource#stock(..)"] } ] }
                """);
        try (AgentJvm app = AgentJvm.startWithoutAgent(GatewayApp.class)) {
            app.awaitLineContaining("APP READY");
            app.send("1");
            app.awaitLineContaining("ROUND 1 DONE");

            app.attachAgent("policy=" + policy);

            assertThat((String[]) app.jmx().agent("InstrumentedMethods")).containsExactlyInAnyOrder(
                    "gateway: dev.bulwark.it.apps.InventoryGateway#fetchStock(java.lang.String)",
                    "gateway: dev.bulwark.it.apps.WarehouseStockSource#stock(java.lang.String)");
        }
    }

    @Test
    void rejectedCallsThrowAnExceptionTheirMethodDeclaresAndDoNotRunTheBody() throws Exception {
        try (AgentJvm app = startGateway()) {
            app.jmx().invokeOnBreaker("gateway", "forceOpen");
            long bodiesBefore = app.countLines(line -> line.startsWith("BODY"));

            app.send("2");
            app.awaitLineContaining("ROUND 2 DONE");

            assertThat(app.output()).contains(
                    "ROUND 2 fetchStock THREW dev.bulwark.it.apps.InventoryUnavailableException: " + REJECTION,
                    "ROUND 2 fetchPrice THREW dev.bulwark.runtime.rejection.CallRejectedException: " + REJECTION,
                    "ROUND 2 stock THREW java.net.ConnectException: " + REJECTION,
                    "ROUND 2 fetchPrice2 RETURNED 19.98",
                    "ROUND 2 describe RETURNED gateway");
            assertThat(app.output().stream().filter(line -> line.startsWith("BODY")).skip(bodiesBefore))
                    .containsExactly("BODY fetchPrice2", "BODY describe");
        }
    }

    @Test
    void patternThatMatchesNothingIsLoggedOnceNotAnError() throws Exception {
        try (AgentJvm app = startGateway()) {
            app.awaitLineContaining("Bulwark: Pattern matched no method in the 1s after start-up: "
                    + "gateway: com.example.NoSuchClient#get*()");
            await().atMost(AgentJvm.PATIENCE).until(() -> ((String[]) app.jmx().agent("Errors")).length == 1);
            assertThat(app.countLines(line -> line.contains("NoSuchClient"))).isEqualTo(1);
        }
    }

    @Test
    void patternsNamingTheJdkCoreBulwarkRunsOnAreNeverApplied() throws Exception {
        Path policy = PolicyFiles.write(folder, """
                {
                  "version": 1,
                  "policies": [
                    {
                      "name": "reckless",
                      "methods": ["java.lang.ThreadLocal#get()", "java.util.concurrent.atomic.AtomicLong#*(..)"]
                    }
                  ]
                }
                """);

        try (AgentJvm app = AgentJvm.start(policy.toString(), dev.bulwark.it.apps.IdleApp.class)) {
            assertThat(app.awaitExit()).isZero();
            assertThat(app.output()).contains("APP RUNNING");
        }
    }

    private AgentJvm startGateway() throws Exception {
        AgentJvm app = AgentJvm.start("policy=" + gatewayPolicy() + ",reportUnmatchedAfter=1s", GatewayApp.class);
        app.awaitLineContaining("APP READY");
        return app;
    }

    private Path gatewayPolicy() throws Exception {
        return PolicyFiles.write(folder, """
                {
                  "version": 1,
                  "policies": [
                    {
                      "name": "gateway",
                      "methods": [
                        "dev.bulwark.it.apps.*Gateway#fetch*(java.lang.String)",
                        "dev.bulwark.it.apps.StockSource#stock(..)",
                        "com.example.NoSuchClient#get*()"
                      ]
                    }
                  ]
                }
                """);
    }
}
