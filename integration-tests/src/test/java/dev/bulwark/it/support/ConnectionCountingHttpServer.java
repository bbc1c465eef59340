package dev.bulwark.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP/1.1 server, on plain sockets, that answers every request with one status and a body (or, made by
 * {@link #silent()}, never answers), keeps connections alive, and counts the connections clients open and close: what
 * a test needs to see whether a client gave a connection back. WireMock serves faults and delays but does not tell
 * its connections apart.
 */
public final class ConnectionCountingHttpServer implements AutoCloseable {
    private final ServerSocket listener;
    private final byte[] response;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closedByClients = new AtomicInteger();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    /**
     * @param status the status of every response
     * @param bodySize how many bytes each response's body has
     */
    public ConnectionCountingHttpServer(int status, int bodySize) throws IOException {
        this(response(status, bodySize));
    }

    private ConnectionCountingHttpServer(byte[] response) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.response = response;
        Thread acceptor = new Thread(this::accept, "counting-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return a server that reads every request and never answers one: a backend that hangs */
    public static ConnectionCountingHttpServer silent() throws IOException {
        return new ConnectionCountingHttpServer(null);
    }

    /** @return the URL of any path on this server */
    public String url(String path) {
        return "http://127.0.0.1:" + listener.getLocalPort() + path;
    }

    /** @return connections clients opened and have not closed */
    public int openConnections() {
        return opened.get() - closedByClients.get();
    }

    /** @return connections clients opened */
    public int connectionsOpened() {
        return opened.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.add(client);
                opened.incrementAndGet();
                Thread connection = new Thread(() -> serve(client), "counting-http-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                // The listener was closed.
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            BufferedReader requests = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = client.getOutputStream();
            for (String line = requests.readLine(); line != null; line = requests.readLine()) {
                if (line.isEmpty() && response != null) {
                    // The end of a request's headers; the tests send no request bodies.
                    out.write(response);
                    out.flush();
                }
            }
        } catch (IOException reset) {
            // The client dropped the connection, or this server closed: closed all the same.
        }
        connections.remove(client);
        closedByClients.incrementAndGet();
    }

    private static byte[] response(int status, int bodySize) {
        byte[] head = ("HTTP/1.1 " + status + " Status " + status + "\r\nContent-Type: text/plain\r\nContent-Length: "
                + bodySize + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] whole = new byte[head.length + bodySize];
        System.arraycopy(head, 0, whole, 0, head.length);
        Arrays.fill(whole, head.length, whole.length, (byte) 'x');
        return whole;
    }
}
