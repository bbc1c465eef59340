package dev.bulwark.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** An ordinary application calling an HTTP service with the JDK's HttpClient every 20 ms until killed. */
public final class HttpClientApp {

    private HttpClientApp() {
    }

    public static void main(String[] args) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(args[0])).timeout(Duration.ofSeconds(5)).build();
        System.out.println("APP READY");
        while (true) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                CallLog.ok(String.valueOf(response.statusCode()));
            } catch (Exception e) {
                CallLog.failed(e);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
