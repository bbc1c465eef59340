package dev.bulwark.it;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.bulwark.it.support.AgentJvm;
import dev.bulwark.it.support.ConnectionCountingHttpServer;
import dev.bulwark.it.support.WireMockServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static dev.bulwark.it.ToolkitFixture.lastOutcome;
import static dev.bulwark.it.ToolkitFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code HttpClient#sendAsync(..)}: a call that ends when its future completes. */
class AsynchronousCallTest {
    private static final String POLICY = "{ \"name\": \"inventory-api\", "
            + "\"methods\": [\"java.net.http.HttpClient#sendAsync(..)\"], "
            + "\"timeout\": { \"duration\": \"300ms\" }, \"circuitBreaker\": {} }";

    @TempDir
    Path folder;

    @RegisterExtension
    final WireMockExtension inventory = WireMockServers.onLoopback();

    @BeforeEach
    void stubServer() {
        inventory.stubFor(get("/slow").willReturn(ok("7").withFixedDelay(30_000)));
    }

    @Test
    void theFutureCompletesExceptionallyAtTheDeadlineAndTheCallCountsAsFailed() throws Exception {
        try (AgentJvm app = ToolkitFixture.start(folder, POLICY, inventory.baseUrl() + "/slow")) {
            run(app, "async 1");

            assertThat(lastOutcome(app, "async")).startsWith("async THREW java.util.concurrent.ExecutionException: "
                    + "java.net.http.HttpTimeoutException: Bulwark policy 'inventory-api' timed out the call");
            await().atMost(AgentJvm.PATIENCE).until(() ->
                    app.jmx().breaker("inventory-api", "FailedCalls").equals(1));
            assertThat(app.jmx().attribute("Timeout", "inventory-api", "TimedOutCalls")).isEqualTo(1L);
        }
    }

    @Test
    void aTimedOutExchangeIsAbortedSoItsConnectionIsClosed() throws Exception {
        try (ConnectionCountingHttpServer hanging = ConnectionCountingHttpServer.silent();
             AgentJvm app = ToolkitFixture.start(folder, POLICY, hanging.url("/inventory"))) {
            run(app, "async 3");

            assertThat(lastOutcome(app, "async")).startsWith("async THREW java.util.concurrent.ExecutionException: "
                    + "java.net.http.HttpTimeoutException: Bulwark policy 'inventory-api' timed out the call");
            // The server never answers and the app's client sets no request timeout: only an aborted exchange
            // closes its connection, which would otherwise stay open for as long as the app runs.
            await().atMost(AgentJvm.PATIENCE).until(() -> hanging.connectionsOpened() == 3
                    && hanging.openConnections() == 0);
        }
    }

    @Test
    void aRejectedCallGetsAFailedFutureInsteadOfAThrow() throws Exception {
        try (AgentJvm app = ToolkitFixture.start(folder, POLICY, inventory.baseUrl() + "/slow")) {
            app.jmx().invokeOnBreaker("inventory-api", "forceOpen");
            run(app, "async 1");

            assertThat(lastOutcome(app, "async")).startsWith("async THREW java.util.concurrent.ExecutionException: "
                    + "java.net.ConnectException: Bulwark policy 'inventory-api' rejected the call: "
                    + "circuit breaker is FORCED_OPEN");
            assertThat(inventory.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        }
    }
}
