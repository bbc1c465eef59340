package dev.bulwark.runtime.outcome;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DroppedResultsTest {
    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/busy", exchange -> {
            byte[] body = "try again later".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aDroppedJdbcConnectionIsClosedSoItsPoolGetsItBack() {
        AtomicBoolean closed = new AtomicBoolean();

        DroppedResults.release(jdbc(Connection.class, closed));

        assertThat(closed).isTrue();
    }

    @Test
    void aDroppedStatementIsClosedThroughTheInterfaceItExtends() {
        AtomicBoolean closed = new AtomicBoolean();

        DroppedResults.release(jdbc(PreparedStatement.class, closed));

        assertThat(closed).isTrue();
    }

    @Test
    void theUnreadBodyStreamOfADroppedHttpResponseIsClosed() throws Exception {
        HttpResponse<InputStream> response = client.send(request("/busy"), HttpResponse.BodyHandlers.ofInputStream());

        DroppedResults.release(response);

        assertThatThrownBy(() -> response.body().read()).isInstanceOf(IOException.class);
    }

    @Test
    void theUnreadLinesOfADroppedHttpResponseAreClosed() throws Exception {
        HttpResponse<Stream<String>> response = client.send(request("/busy"), HttpResponse.BodyHandlers.ofLines());

        DroppedResults.release(response);

        assertThatThrownBy(() -> response.body().count()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDroppedHttpResponseWhoseBodyWasReadInFullNeedsNothing() throws Exception {
        HttpResponse<String> response = client.send(request("/busy"), HttpResponse.BodyHandlers.ofString());

        DroppedResults.release(response);

        assertThat(response.body()).isEqualTo("try again later");
    }

    @Test
    void anyOtherClosableResultIsLeftAloneForItMayBeShared() {
        AtomicBoolean closed = new AtomicBoolean();
        AutoCloseable shared = () -> closed.set(true);

        DroppedResults.release(shared);
        DroppedResults.release(null);

        assertThat(closed).isFalse();
    }

    @Test
    void aResourceThatFailsAsItClosesDoesNotReachTheCaller() {
        Connection broken = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                    throw new java.sql.SQLException("connection reset");
                });

        DroppedResults.release(broken);
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path)).build();
    }

    /** A JDBC resource that records whether it was closed; no driver is needed to see what release calls. */
    private static <T> T jdbc(Class<T> type, AtomicBoolean closed) {
        return type.cast(Proxy.newProxyInstance(DroppedResultsTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("close")) {
                        closed.set(true);
                    }
                    return null;
                }));
    }
}
