package dev.bulwark.it;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.bulwark.it.apps.ToolkitApp;
import dev.bulwark.it.support.AgentJvm;
import dev.bulwark.it.support.ConnectionCountingHttpServer;
import dev.bulwark.it.support.PolicyFiles;
import dev.bulwark.it.support.WireMockServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static dev.bulwark.it.ToolkitFixture.lastOutcome;
import static dev.bulwark.it.ToolkitFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bulwark beside the agents it is most often deployed with: the OpenTelemetry Java agent, which instruments the same
 * {@code HttpClient} methods, and the Prometheus JMX exporter, which serves MBeans as metrics. Both are the real
 * agent jars, in either order on the command line.
 */
class NeighbourAgentsTest {
    private static final String POLICY = "inventory-api";

    @TempDir
    Path folder;

    @RegisterExtension
    final WireMockExtension inventory = WireMockServers.onLoopback();

    @BeforeEach
    void answerWithFailures() {
        inventory.stubFor(get("/inventory").willReturn(serviceUnavailable()));
    }

    @ParameterizedTest(name = "Bulwark first: {0}")
    @ValueSource(booleans = {true, false})
    void retriesAndTheBreakerWorkBesideTheOpenTelemetryAgent(boolean bulwarkFirst) throws Exception {
        Path file = PolicyFiles.write(folder, "{ \"version\": 1, \"policies\": [ { \"name\": \"" + POLICY + "\", "
                + "\"methods\": [\"java.net.http.HttpClient#send(..)\"], "
                + "\"failWhen\": { \"httpStatus\": [\"5xx\"] }, "
                + "\"retry\": { \"maxAttempts\": 2, \"waitDuration\": \"0ms\" }, "
                + "\"circuitBreaker\": { \"slidingWindowSize\": 2, \"minimumNumberOfCalls\": 2, "
                + "\"waitDurationInOpenState\": \"1h\" } } ] }");
        try (AgentJvm app = AgentJvm.startWithOptions(besideOpenTelemetry(file, bulwarkFirst), ToolkitApp.class,
                inventory.baseUrl() + "/inventory")) {
            app.awaitLineContaining("APP READY");
            // One call, two attempts (the retry runs the method body again, with whatever the other agent wove
            // into it), both failed: the breaker opens.
            run(app, "http 1");
            assertThat(lastOutcome(app, "http")).isEqualTo("http RETURNED 503 interrupted=false");
            assertThat(app.jmx().attribute("Retry", POLICY, "RetryAttempts")).isEqualTo(1L);
            run(app, "http 1");

            assertThat(lastOutcome(app, "http")).isEqualTo("http THREW java.net.ConnectException: Bulwark policy '"
                    + POLICY + "' rejected the call: circuit breaker is OPEN interrupted=false");
            assertThat(inventory.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
            // The OpenTelemetry agent ran too: it put its trace headers on the requests that went out.
            assertThat(inventory.findAll(anyRequestedFor(anyUrl())))
                    .allSatisfy(request -> assertThat(request.containsHeader("traceparent")).isTrue());
            assertThat(app.jmx().breaker(POLICY, "State")).isEqualTo("OPEN");
        }
    }

    @ParameterizedTest(name = "Bulwark first: {0}")
    @ValueSource(booleans = {true, false})
    void aTimedOutAsynchronousExchangeIsAbortedBesideTheOpenTelemetryAgent(boolean bulwarkFirst) throws Exception {
        Path file = PolicyFiles.write(folder, "{ \"version\": 1, \"policies\": [ { \"name\": \"" + POLICY + "\", "
                + "\"methods\": [\"java.net.http.HttpClient#sendAsync(..)\"], "
                + "\"timeout\": { \"duration\": \"300ms\" } } ] }");

        try (ConnectionCountingHttpServer hanging = ConnectionCountingHttpServer.silent();
             AgentJvm app = AgentJvm.startWithOptions(besideOpenTelemetry(file, bulwarkFirst), ToolkitApp.class,
                     hanging.url("/inventory"))) {
            app.awaitLineContaining("APP READY");
            run(app, "async 2");

            assertThat(lastOutcome(app, "async")).startsWith("async THREW java.util.concurrent.ExecutionException: "
                    + "java.net.http.HttpTimeoutException: Bulwark policy '" + POLICY + "' timed out the call");
            await().atMost(AgentJvm.PATIENCE).until(() -> hanging.openConnections() == 0);
        }
    }

    @Test
    void thePrometheusJmxExporterServesTheBreakersStateAndFiguresWithTheRulesInTheDocs() throws Exception {
        Path file = PolicyFiles.write(folder, "{ \"version\": 1, \"policies\": [ { \"name\": \"" + POLICY + "\", "
                + "\"methods\": [\"java.net.http.HttpClient#send(..)\"], "
                + "\"failWhen\": { \"httpStatus\": [\"5xx\"] }, "
                + "\"circuitBreaker\": { \"slidingWindowSize\": 2, \"minimumNumberOfCalls\": 2, "
                + "\"waitDurationInOpenState\": \"1h\" } } ] }");
        Path rules = Path.of(System.getProperty("bulwark.repository"), "docs", "prometheus-jmx-exporter.yaml");
        int port = freePort();
        List<String> agents = List.of("-javaagent:" + AgentJvm.agentJar() + "=policy=" + file,
                "-javaagent:" + System.getProperty("prometheus.agent.jar") + "=127.0.0.1:" + port + ":" + rules);

        try (AgentJvm app = AgentJvm.startWithOptions(agents, ToolkitApp.class, inventory.baseUrl() + "/inventory")) {
            app.awaitLineContaining("APP READY");
            run(app, "http 3");

            // The MBeans appear once the app has started (see the README): the scrape is repeated until they do.
            await().atMost(AgentJvm.PATIENCE).until(() -> metrics(port).contains(
                    "bulwark_circuit_breaker_state{policy=\"" + POLICY + "\",state=\"OPEN\"} 1.0"));
            String metrics = metrics(port);
            assertThat(metrics).contains("bulwark_circuit_breaker_failed_calls{policy=\"" + POLICY + "\"} 2.0",
                    "bulwark_circuit_breaker_not_permitted_calls{policy=\"" + POLICY + "\"} 1.0",
                    "bulwark_policy_mode{kind=\"CircuitBreaker\",mode=\"ENFORCE\",policy=\"" + POLICY + "\"} 1.0");
            assertThat(metrics).doesNotContain("state=\"CLOSED\"");
        }
    }

    /** @return the options of a JVM with Bulwark, on the policy file {@code file}, and the OpenTelemetry agent */
    private static List<String> besideOpenTelemetry(Path file, boolean bulwarkFirst) {
        List<String> agents = new ArrayList<>(List.of("-javaagent:" + System.getProperty("otel.agent.jar"),
                "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none"));
        agents.add(bulwarkFirst ? 0 : agents.size(), "-javaagent:" + AgentJvm.agentJar() + "=policy=" + file);
        return agents;
    }

    private static String metrics(int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
