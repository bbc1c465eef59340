package dev.bulwark.it;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.bulwark.it.apps.LateConnectionApp;
import dev.bulwark.it.apps.SlowQueryApp;
import dev.bulwark.it.support.AgentJvm;
import dev.bulwark.it.support.PolicyFiles;
import dev.bulwark.it.support.PostgresServer;
import dev.bulwark.it.support.WireMockServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static dev.bulwark.it.ToolkitFixture.lastOutcome;
import static dev.bulwark.it.ToolkitFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Deadlines enforced by the shared watchdog on the caller's own thread. */
class TimeoutTest {

    @TempDir
    Path folder;

    @RegisterExtension
    final WireMockExtension inventory = WireMockServers.onLoopback();

    @BeforeEach
    void stubServer() {
        inventory.stubFor(get("/slow").willReturn(ok("7").withFixedDelay(30_000)));
        inventory.stubFor(get("/fast").willReturn(ok("7")));
    }

    @Test
    void anHttpCallPastItsDeadlineEndsWithHttpTimeoutExceptionAndACleanInterruptFlag() throws Exception {
        try (AgentJvm app = ToolkitFixture.start(folder, """
                { "name": "inventory-api", "methods": ["java.net.http.HttpClient#send(..)"],
                  "timeout": { "duration": "300ms" } }""", inventory.baseUrl() + "/slow")) {
            run(app, "http 1");

            assertThat(lastOutcome(app, "http")).startsWith("http THREW java.net.http.HttpTimeoutException: "
                    + "Bulwark policy 'inventory-api' timed out the call").endsWith("interrupted=false");
            assertThat(app.jmx().attribute("Timeout", "inventory-api", "TimedOutCalls")).isEqualTo(1L);
            assertThat(app.jmx().attribute("Timeout", "inventory-api", "CurrentTimeoutMillis")).isEqualTo(300.0);
        }
    }

    @Test
    void aCallWithinItsDeadlineIsUntouched() throws Exception {
        try (AgentJvm app = ToolkitFixture.start(folder, """
                { "name": "inventory-api", "methods": ["java.net.http.HttpClient#send(..)"],
                  "timeout": { "duration": "20s" } }""", inventory.baseUrl() + "/fast")) {
            run(app, "http 3");

            assertThat(app.countLines(line -> line.equals("http RETURNED 200 interrupted=false"))).isEqualTo(3);
            assertThat(app.jmx().attribute("Timeout", "inventory-api", "TimedOutCalls")).isEqualTo(0L);
        }
    }

    @Test
    void anApplicationMethodPastItsDeadlineIsInterruptedAndEndsWithBulwarksTimeout() throws Exception {
        try (AgentJvm app = ToolkitFixture.start(folder, """
                { "name": "warehouse", "methods": ["dev.bulwark.it.apps.ToolkitApp$Warehouse#nap(..)"],
                  "timeout": { "duration": "200ms" } }""", inventory.baseUrl())) {
            run(app, "nap 60000");

            assertThat(lastOutcome(app, "nap")).startsWith("nap THREW dev.bulwark.runtime.rejection."
                    + "CallTimedOutException: Bulwark policy 'warehouse' timed out").endsWith("interrupted=false");
        }
    }

    @Test
    void aJdbcQueryThatIgnoresTheInterruptIsReportedAsTimedOutWhenItReturns() throws Exception {
        try (AgentJvm app = startWithDatabase(SlowQueryApp.class, """
                { "name": "orders-db", "methods": ["java.sql.Statement#executeQuery(..)"],
                  "timeout": { "duration": "200ms" } }""")) {
            run(app, "query");

            assertThat(lastOutcome(app, "query")).startsWith("query THREW java.sql.SQLTimeoutException: "
                    + "Bulwark policy 'orders-db' timed out the call").endsWith("interrupted=false");
        }
    }

    @Test
    void aConnectionThePoolHandsOutPastItsDeadlineGoesBackToThePool() throws Exception {
        try (AgentJvm app = startWithDatabase(LateConnectionApp.class, """
                { "name": "orders-db", "methods": ["javax.sql.DataSource#getConnection(..)"],
                  "timeout": { "duration": "1s" } }""")) {
            run(app, "slow");
            run(app, "get");

            assertThat(lastOutcome(app, "get")).startsWith("get THREW java.sql.SQLTimeoutException: "
                    + "Bulwark policy 'orders-db' timed out the call").endsWith("interrupted=false");
            assertThat(lastLine(app, "lent ")).isEqualTo("lent 0");

            run(app, "fast");
            run(app, "get");

            assertThat(lastOutcome(app, "get")).isEqualTo("get RETURNED interrupted=false");
        }
    }

    @Test
    void aPolicyThatDoesNotReleaseDroppedResultsLeavesTheLateConnectionToTheApplication() throws Exception {
        try (AgentJvm app = startWithDatabase(LateConnectionApp.class, """
                { "name": "orders-db", "methods": ["javax.sql.DataSource#getConnection(..)"],
                  "timeout": { "duration": "1s" }, "releaseDroppedResults": false }""")) {
            run(app, "slow");
            run(app, "get");

            assertThat(lastOutcome(app, "get")).startsWith("get THREW java.sql.SQLTimeoutException: ");
            assertThat(lastLine(app, "lent ")).isEqualTo("lent 1");
        }
    }

    @Test
    void adaptiveTimeoutPublishesItsCurrentDeadline() throws Exception {
        try (AgentJvm app = ToolkitFixture.start(folder, """
                { "name": "inventory-api", "methods": ["java.net.http.HttpClient#send(..)"],
                  "timeout": { "adaptive": { "min": "100ms", "max": "4s" } } }""", inventory.baseUrl() + "/fast")) {
            run(app, "http 5");

            double deadline = (Double) app.jmx().attribute("Timeout", "inventory-api", "CurrentTimeoutMillis");
            assertThat(deadline).isBetween(100.0, 4000.0);
        }
    }

    /** Starts {@code app} against the test database with one policy, and waits until it is ready. */
    private AgentJvm startWithDatabase(Class<?> app, String policy) throws Exception {
        Path file = PolicyFiles.write(folder, "{ \"version\": 1, \"policies\": [ " + policy + " ] }");
        AgentJvm jvm = AgentJvm.start("policy=" + file, app, PostgresServer.jdbcUrl(PostgresServer.port()));
        try {
            jvm.awaitLineContaining("APP READY");
            return jvm;
        } catch (RuntimeException | Error notReady) {
            jvm.close();
            throw notReady;
        }
    }

    private static String lastLine(AgentJvm app, String prefix) {
        return app.output().stream().filter(line -> line.startsWith(prefix)).reduce((first, second) -> second)
                .orElseThrow();
    }
}
