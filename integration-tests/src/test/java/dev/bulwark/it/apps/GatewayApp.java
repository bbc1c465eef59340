package dev.bulwark.it.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** Calls each {@link InventoryGateway} and {@link StockSource} method once per "call" line on standard input. */
public final class GatewayApp {

    private GatewayApp() {
    }

    public static void main(String[] args) throws Exception {
        InventoryGateway gateway = new InventoryGateway();
        StockSource source = new WarehouseStockSource();
        System.out.println("APP READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            int round = Integer.parseInt(line.strip());
            call(round, "fetchStock", () -> gateway.fetchStock("42"));
            call(round, "fetchPrice", () -> gateway.fetchPrice("42"));
            call(round, "fetchPrice2", () -> gateway.fetchPrice("42", 2));
            call(round, "describe", gateway::describe);
            call(round, "stock", () -> source.stock("42"));
            System.out.println("ROUND " + round + " DONE");
        }
    }

    private static void call(int round, String name, Callable<Object> call) {
        try {
            System.out.println("ROUND " + round + " " + name + " RETURNED " + call.call());
        } catch (Exception e) {
            System.out.println("ROUND " + round + " " + name + " THREW " + e.getClass().getName() + ": "
                    + e.getMessage());
        }
    }
}
