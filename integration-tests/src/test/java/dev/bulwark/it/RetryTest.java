package dev.bulwark.it;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.bulwark.it.support.AgentJvm;
import dev.bulwark.it.support.ConnectionCountingHttpServer;
import dev.bulwark.it.support.WireMockServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static dev.bulwark.it.ToolkitFixture.lastOutcome;
import static dev.bulwark.it.ToolkitFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Retries of {@code HttpClient#send} against a real HTTP server, with responses classified by status. */
class RetryTest {
    private static final String POLICY = "inventory-api";

    @TempDir
    Path folder;

    @RegisterExtension
    final WireMockExtension inventory = WireMockServers.onLoopback();

    @Test
    void retriesAnUnavailableServiceUntilItAnswers() throws Exception {
        inventory.stubFor(get("/inventory").inScenario("recovery").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(serviceUnavailable()).willSetStateTo("second"));
        inventory.stubFor(get("/inventory").inScenario("recovery").whenScenarioStateIs("second")
                .willReturn(serviceUnavailable()).willSetStateTo("up"));
        inventory.stubFor(get("/inventory").inScenario("recovery").whenScenarioStateIs("up")
                .willReturn(ok("7")));

        try (AgentJvm app = start("\"retry\": { \"maxAttempts\": 3, \"waitDuration\": \"10ms\" }")) {
            run(app, "http 1");

            assertThat(lastOutcome(app, "http")).isEqualTo("http RETURNED 200 interrupted=false");
            assertThat(requestsReceived()).isEqualTo(3);
            assertThat(app.jmx().attribute("Retry", POLICY, "SuccessfulCallsWithRetryAttempt")).isEqualTo(1L);
            assertThat(app.jmx().attribute("Retry", POLICY, "RetryAttempts")).isEqualTo(2L);
        }
    }

    @Test
    void returnsTheLastResponseWhenEveryAttemptFails() throws Exception {
        inventory.stubFor(get("/inventory").willReturn(serviceUnavailable()));

        try (AgentJvm app = start("\"retry\": { \"maxAttempts\": 3, \"waitDuration\": \"10ms\" }")) {
            run(app, "http 1");

            assertThat(lastOutcome(app, "http")).isEqualTo("http RETURNED 503 interrupted=false");
            assertThat(requestsReceived()).isEqualTo(3);
            assertThat(app.jmx().attribute("Retry", POLICY, "FailedCallsWithRetryAttempt")).isEqualTo(1L);
        }
    }

    @Test
    void aPostIsNeverSentTwice() throws Exception {
        inventory.stubFor(post("/inventory").willReturn(serviceUnavailable()));

        try (AgentJvm app = start("\"retry\": { \"maxAttempts\": 3, \"waitDuration\": \"10ms\" }")) {
            run(app, "post 1");

            assertThat(lastOutcome(app, "post")).isEqualTo("post RETURNED 503 interrupted=false");
            assertThat(requestsReceived()).isEqualTo(1);
            assertThat(app.jmx().attribute("Retry", POLICY, "FailedCallsWithoutRetryAttempt")).isEqualTo(1L);
        }
    }

    @Test
    void retryBudgetKeepsAnOutageFromMultiplyingLoad() throws Exception {
        inventory.stubFor(get("/inventory").willReturn(serviceUnavailable()));
        String retry = "\"retry\": { \"maxAttempts\": 3, \"waitDuration\": \"10ms\", "
                + "\"budget\": { \"maxRetryRatio\": 0, \"minRetriesPerSecond\": 0 } }";

        try (AgentJvm app = start(retry)) {
            run(app, "http 5");

            assertThat(requestsReceived()).isEqualTo(5);
            assertThat(app.jmx().attribute("Retry", POLICY, "RetriesRefusedByBudget")).isEqualTo(5L);
        }
    }

    @Test
    void aCallTheBreakerRejectsIsNeverRetried() throws Exception {
        inventory.stubFor(get("/inventory").willReturn(ok("7")));

        try (AgentJvm app = start("\"retry\": { \"maxAttempts\": 3, \"waitDuration\": \"10ms\" }, "
                + "\"circuitBreaker\": {}")) {
            app.jmx().invokeOnBreaker(POLICY, "forceOpen");
            run(app, "http 1");

            assertThat(lastOutcome(app, "http")).startsWith("http THREW java.net.ConnectException: Bulwark policy "
                    + "'inventory-api' rejected the call: circuit breaker is FORCED_OPEN");
            assertThat(requestsReceived()).isZero();
            assertThat(app.jmx().attribute("Retry", POLICY, "RetryAttempts")).isEqualTo(0L);
        }
    }

    @Test
    void theUnreadBodyOfAResponseDroppedForARetryIsClosedSoItsConnectionIsFreed() throws Exception {
        try (ConnectionCountingHttpServer busy = new ConnectionCountingHttpServer(503, 256 * 1024);
             AgentJvm app = ToolkitFixture.start(folder, "{ \"name\": \"" + POLICY + "\", "
                     + "\"methods\": [\"java.net.http.HttpClient#send(..)\"], "
                     + "\"failWhen\": { \"httpStatus\": [\"5xx\"] }, "
                     + "\"retry\": { \"maxAttempts\": 3, \"waitDuration\": \"10ms\" } }", busy.url("/inventory"))) {
            run(app, "stream 1");

            assertThat(lastOutcome(app, "stream")).isEqualTo("stream RETURNED 503 interrupted=false");
            assertThat(app.jmx().attribute("Retry", POLICY, "RetryAttempts")).isEqualTo(2L);
            // The app read and closed the last response, whose connection its client may keep for the next request;
            // the two before it, dropped for retries, must not hold theirs.
            await().atMost(AgentJvm.PATIENCE).until(() -> busy.openConnections() <= 1);
            // Each dropped response had a connection of its own to free: the client could not reuse one mid-body.
            assertThat(busy.connectionsOpened()).isGreaterThanOrEqualTo(3);
        }
    }

    private AgentJvm start(String kinds) throws Exception {
        return ToolkitFixture.start(folder, "{ \"name\": \"" + POLICY + "\", "
                + "\"methods\": [\"java.net.http.HttpClient#send(..)\"], "
                + "\"failWhen\": { \"httpStatus\": [\"5xx\"] }, " + kinds + " }", inventory.baseUrl() + "/inventory");
    }

    private int requestsReceived() {
        return inventory.findAll(anyRequestedFor(anyUrl())).size();
    }
}
