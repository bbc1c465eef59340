package com.example.inventory;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The supplier's HTTP API. Its {@link HttpClient} is built at start-up, as real clients are, so the agent's
 * policy on {@code HttpClient#send(..)} has classes to instrument while the application starts.
 */
@Component
public class SupplierClient {

    private final HttpClient http = HttpClient.newHttpClient();

    public String restockEstimate(URI supplier) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(supplier).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
