package dev.bulwark.it;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.bulwark.it.apps.HttpClientApp;
import dev.bulwark.it.support.AgentJvm;
import dev.bulwark.it.support.PolicyFiles;
import dev.bulwark.it.support.WireMockServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.Predicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real HTTP server (WireMock) called through the JDK's {@code java.net.http.HttpClient#send(..)}. */
class HttpClientBreakerTest {
    private static final String POLICY = "inventory-api";

    @TempDir
    Path folder;

    @RegisterExtension
    final WireMockExtension inventory = WireMockServers.onLoopback();

    @BeforeEach
    void stubServer() {
        inventory.stubFor(get("/inventory").willReturn(ok("{\"inStock\":7}")));
    }

    @Test
    void opensOnFailuresAndRejectsWithConnectExceptionWithoutReachingTheServer() throws Exception {
        inventory.stubFor(get("/inventory").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Predicate<String> rejection = rejectedWhile("OPEN");

        try (AgentJvm app = startApp()) {
            await().atMost(AgentJvm.PATIENCE).until(() -> app.jmx().breaker(POLICY, "State").equals("OPEN"));
            app.awaitLineCount(rejection, 5);
            int requestsWhileOpen = requestsReceived();
            long rejectionsBefore = app.countLines(rejection);
            app.awaitLineCount(rejection, rejectionsBefore + 25);

            assertThat(requestsReceived()).isEqualTo(requestsWhileOpen);
            assertThat((Float) app.jmx().breaker(POLICY, "FailureRate")).isGreaterThanOrEqualTo(50f);
            assertThat(app.countLines(line -> line.startsWith("CALL FAILED java.io.IOException")
                    || line.contains("Connection reset"))).isPositive();
        }
    }

    @Test
    void forceOpenOverJmxRejectsCallsToAHealthyServiceAndForceCloseLetsThemThrough() throws Exception {
        try (AgentJvm app = startApp()) {
            app.awaitLineCount(line -> line.equals("CALL OK 200"), 3);

            app.jmx().invokeOnBreaker(POLICY, "forceOpen");

            Predicate<String> rejection = rejectedWhile("FORCED_OPEN");
            app.awaitLineCount(rejection, 3);
            int requestsWhileForcedOpen = requestsReceived();
            app.awaitLineCount(rejection, app.countLines(rejection) + 20);
            assertThat(requestsReceived()).isEqualTo(requestsWhileForcedOpen);
            assertThat(app.jmx().breaker(POLICY, "State")).isEqualTo("FORCED_OPEN");

            app.jmx().invokeOnBreaker(POLICY, "forceClose");

            long okBefore = app.countLines(line -> line.equals("CALL OK 200"));
            app.awaitLineCount(line -> line.equals("CALL OK 200"), okBefore + 5);
            assertThat(app.jmx().breaker(POLICY, "State")).isEqualTo("FORCED_CLOSED");
            assertThat(requestsReceived()).isGreaterThan(requestsWhileForcedOpen);
        }
    }

    @Test
    void resetOverJmxReturnsToAutomaticClosedWithClearedMetrics() throws Exception {
        try (AgentJvm app = startApp()) {
            app.awaitLineCount(line -> line.equals("CALL OK 200"), 3);
            app.jmx().invokeOnBreaker(POLICY, "forceOpen");
            app.awaitLineCount(rejectedWhile("FORCED_OPEN"), 3);

            app.jmx().invokeOnBreaker(POLICY, "reset");

            assertThat(app.jmx().breaker(POLICY, "State")).isEqualTo("CLOSED");
            assertThat(app.jmx().breaker(POLICY, "NotPermittedCalls")).isEqualTo(0L);
            app.awaitLineContaining("Bulwark circuit breaker 'inventory-api' changed from FORCED_OPEN to CLOSED");
        }
    }

    @Test
    void disableOverJmxLetsEveryCallThroughEvenWhileTheServiceFails() throws Exception {
        inventory.stubFor(get("/inventory").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Predicate<String> rejection = rejectedWhile("OPEN");
        try (AgentJvm app = startApp()) {
            app.awaitLineCount(rejection, 3);

            app.jmx().invokeOnBreaker(POLICY, "disable");

            int requestsBefore = requestsReceived();
            long rejectionsBefore = app.countLines(rejection);
            await().atMost(AgentJvm.PATIENCE).until(() -> requestsReceived() >= requestsBefore + 20);
            assertThat(app.jmx().breaker(POLICY, "State")).isEqualTo("DISABLED");
            assertThat(app.jmx().breaker(POLICY, "BufferedCalls")).isEqualTo(0);
            // A rejection decided just before the switch may still be printed; none comes after it.
            assertThat(app.countLines(rejection)).isLessThanOrEqualTo(rejectionsBefore + 1);
        }
    }

    private AgentJvm startApp() throws Exception {
        Path policy = PolicyFiles.write(folder, """
                {
                  "version": 1,
                  "policies": [
                    {
                      "name": "inventory-api",
                      "methods": ["java.net.http.HttpClient#send(..)"],
                      "circuitBreaker": { "minimumNumberOfCalls": 5, "slidingWindowSize": 10,
                                          "waitDurationInOpenState": "1h" }
                    }
                  ]
                }
                """);
        AgentJvm app = AgentJvm.start("policy=" + policy, HttpClientApp.class, inventory.baseUrl() + "/inventory");
        app.awaitLineContaining("APP READY");
        return app;
    }

    private int requestsReceived() {
        return inventory.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
    }

    private static Predicate<String> rejectedWhile(String state) {
        return line -> line.equals("CALL FAILED java.net.ConnectException: Bulwark policy 'inventory-api' "
                + "rejected the call: circuit breaker is " + state);
    }
}
