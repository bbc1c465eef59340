package dev.bulwark.it.apps;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * An ordinary application driven line by line on standard input, so a test decides every call:
 * {@code http N} sends N GET requests to the URL given as argument ({@code async N} the same with {@code sendAsync},
 * {@code post N} as POST requests, {@code stream N} reading each body as a stream, which it then closes),
 * {@code hold N} starts N threads that each call
 * {@link Warehouse#hold()} until {@code release}, {@code nap MS} calls {@link Warehouse#nap(long)},
 * {@code quote SKU} calls {@link Warehouse#quote(String)} (failing while {@code fail on}).
 * Each outcome is printed as {@code <command> RETURNED <value>} or {@code <command> THREW <class>: <message>}, with
 * the calling thread's interrupt flag.
 */
public final class ToolkitApp {
    private static volatile CountDownLatch release = new CountDownLatch(1);

    private ToolkitApp() {
    }

    public static void main(String[] args) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(args[0])).build();
        Warehouse warehouse = new Warehouse();
        System.out.println("APP READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.strip().split(" ");
            switch (words[0]) {
                case "http" -> repeat(words, () -> call("http",
                        () -> http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()));
                case "post" -> repeat(words, () -> call("post", () -> http.send(HttpRequest.newBuilder(request.uri())
                        .POST(HttpRequest.BodyPublishers.ofString("order")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()));
                case "stream" -> repeat(words, () -> call("stream", () -> {
                    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                    try (InputStream body = response.body()) {
                        body.readAllBytes();
                    }
                    return response.statusCode();
                }));
                case "async" -> repeat(words, () -> call("async",
                        () -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get().statusCode()));
                case "hold" -> repeat(words, () -> new Thread(() -> call("hold", warehouse::hold)).start());
                case "release" -> {
                    release.countDown();
                    release = new CountDownLatch(1);
                }
                case "nap" -> call("nap", () -> warehouse.nap(Long.parseLong(words[1])));
                case "quote" -> call("quote", () -> warehouse.quote(words[1]));
                case "fail" -> Warehouse.failing = words[1].equals("on");
                default -> System.out.println("UNKNOWN " + line);
            }
            System.out.println("DONE " + line);
        }
    }

    private static void repeat(String[] words, Runnable action) {
        for (int i = 0; i < Integer.parseInt(words[1]); i++) {
            action.run();
        }
    }

    private static void call(String name, Callable<Object> call) {
        try {
            Object value = call.call();
            System.out.println(name + " RETURNED " + value + " interrupted=" + Thread.currentThread().isInterrupted());
        } catch (Exception e) {
            System.out.println(name + " THREW " + e.getClass().getName() + ": " + e.getMessage()
                    + " interrupted=" + Thread.currentThread().isInterrupted());
        }
    }

    /** Application methods the policies of the tests name. */
    public static final class Warehouse {
        static volatile boolean failing;

        public String hold() throws InterruptedException {
            System.out.println("BODY hold");
            release.await();
            return "released";
        }

        public String nap(long millis) throws InterruptedException {
            Thread.sleep(millis);
            return "rested";
        }

        public String quote(String sku) {
            System.out.println("BODY quote");
            if (failing) {
                throw new IllegalStateException("quote service down");
            }
            return "9.99";
        }
    }
}
