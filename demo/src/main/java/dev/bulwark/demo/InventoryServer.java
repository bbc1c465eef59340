package dev.bulwark.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded inventory service the demo calls. While healthy it is a little flaky: one request in four gets a
 * quick 503. While failing it behaves like a sick upstream: each request hangs for a while, then the connection
 * drops without an answer.
 */
final class InventoryServer implements AutoCloseable {
    private static final long SICK_DELAY_MILLIS = 3000;

    private final HttpServer server;
    private static final int FLAKY_EVERY = 4;

    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean failing;

    InventoryServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/inventory", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "inventory-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/inventory";
    }

    void setFailing(boolean failing) {
        this.failing = failing;
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (failing) {
            try {
                TimeUnit.MILLISECONDS.sleep(SICK_DELAY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        if (requests.incrementAndGet() % FLAKY_EVERY == 0) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        byte[] body = "{\"sku\":\"42\",\"inStock\":7}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
