package dev.bulwark.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An ordinary application with no idea Bulwark exists: in a loop it reads orders from an embedded database and
 * asks an embedded inventory service for stock. Midway the inventory service falls sick, then recovers.
 * Every second it prints what its calls did and, read over JMX as any monitoring tool would, the breakers' states.
 */
public final class DemoApp {
    private static final int HEALTHY_UNTIL_SECOND = 8;
    private static final int SICK_UNTIL_SECOND = 22;
    private static final int RUN_SECONDS = 40;
    private static final long PAUSE_BETWEEN_CALLS_MILLIS = 50;

    private DemoApp() {
    }

    /** @param args ignored */
    public static void main(String[] args) throws Exception {
        try (InventoryServer inventory = new InventoryServer(); HikariDataSource orders = ordersDatabase()) {
            System.out.printf("Demo app pid %d. Watch it live: jconsole %d  (MBeans tab, dev.bulwark)%n",
                    ProcessHandle.current().pid(), ProcessHandle.current().pid());
            System.out.printf("The inventory service is healthy until %ds, sick until %ds, then healthy again.%n%n",
                    HEALTHY_UNTIL_SECOND, SICK_UNTIL_SECOND);
            run(inventory, orders);
        }
    }

    private static void run(InventoryServer inventory, HikariDataSource orders) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(inventory.url())).timeout(Duration.ofSeconds(2)).build();
        long start = System.nanoTime();
        for (int second = 0; second < RUN_SECONDS; second++) {
            inventory.setFailing(second >= HEALTHY_UNTIL_SECOND && second < SICK_UNTIL_SECOND);
            if (second == HEALTHY_UNTIL_SECOND) {
                System.out.println("--- the inventory service falls sick: requests hang, then drop ---");
            } else if (second == SICK_UNTIL_SECOND) {
                System.out.println("--- the inventory service recovers ---");
            }
            CallStats httpStats = new CallStats();
            CallStats dbStats = new CallStats();
            long secondEnds = start + TimeUnit.SECONDS.toNanos(second + 1);
            while (System.nanoTime() < secondEnds) {
                callInventory(http, request, httpStats);
                readOrders(orders, dbStats);
                TimeUnit.MILLISECONDS.sleep(PAUSE_BETWEEN_CALLS_MILLIS);
            }
            System.out.printf("%3ds  inventory-api: %s  breaker %-9s | orders-db: calls %3d ok %3d  breaker %s%n",
                    second + 1, httpStats.summary(), breakerState("inventory-api"),
                    dbStats.summaryCalls(), dbStats.summaryOk(), breakerState("orders-db"));
        }
        System.out.println("\nDone. The breaker opened while the service was sick, failed calls fast, "
                + "probed it half-open, and closed once it recovered.");
    }

    private static void callInventory(HttpClient http, HttpRequest request, CallStats stats) {
        long began = System.nanoTime();
        try {
            http.send(request, HttpResponse.BodyHandlers.ofString());
            stats.succeeded(System.nanoTime() - began);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            stats.failed(e, System.nanoTime() - began);
        }
    }

    private static void readOrders(HikariDataSource orders, CallStats stats) {
        long began = System.nanoTime();
        try (Connection connection = orders.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM orders")) {
            rows.next();
            stats.succeeded(System.nanoTime() - began);
        } catch (Exception e) {
            stats.failed(e, System.nanoTime() - began);
        }
    }

    private static HikariDataSource ordersDatabase() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(2);
        HikariDataSource dataSource = new HikariDataSource(config);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (id INT PRIMARY KEY, sku VARCHAR(20))");
            statement.execute("INSERT INTO orders VALUES (1, '42'), (2, '43')");
        }
        return dataSource;
    }

    /** Reads a breaker's state the way any JMX console does: by name, without Bulwark's classes. */
    private static String breakerState(String policy) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            return (String) server.getAttribute(new ObjectName("dev.bulwark:type=CircuitBreaker,name=" + policy),
                    "State");
        } catch (Exception e) {
            return "(no agent)";
        }
    }
}
