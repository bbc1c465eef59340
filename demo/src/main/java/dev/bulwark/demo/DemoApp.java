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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An ordinary application with no idea Bulwark exists: in a loop it reads orders from an embedded database and
 * asks an embedded inventory service for stock, and each second a burst of users asks for slow reports. The
 * inventory service is a little flaky, then falls sick, then recovers. Every second the app prints what its calls
 * did and, read over JMX as any monitoring tool would, the breakers' states and the retries made.
 */
public final class DemoApp {
    private static final int HEALTHY_UNTIL_SECOND = 8;
    private static final int SICK_UNTIL_SECOND = 22;
    private static final int RUN_SECONDS = 40;
    private static final long PAUSE_BETWEEN_CALLS_MILLIS = 50;
    private static final int REPORTS_PER_SECOND = 6;

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
        // The client would wait 10 s; the policy's timeout cuts a hanging call short long before that.
        HttpRequest request = HttpRequest.newBuilder(URI.create(inventory.url())).timeout(Duration.ofSeconds(10))
                .build();
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
            CallStats reportStats = new CallStats();
            long retriesBefore = retryAttempts("inventory-api");
            List<Thread> reportUsers = requestReports(reportStats);
            long secondEnds = start + TimeUnit.SECONDS.toNanos(second + 1);
            while (System.nanoTime() < secondEnds) {
                callInventory(http, request, httpStats);
                readOrders(orders, dbStats);
                TimeUnit.MILLISECONDS.sleep(PAUSE_BETWEEN_CALLS_MILLIS);
            }
            for (Thread user : reportUsers) {
                user.join();
            }
            System.out.printf("%3ds  inventory-api: %s  retried %2d  breaker %-9s | orders-db: ok %3d/%3d %s"
                            + " | reports: ran %d rejected %d%n",
                    second + 1, httpStats.summary(), retryAttempts("inventory-api") - retriesBefore,
                    breakerState("inventory-api"), dbStats.summaryOk(), dbStats.summaryCalls(),
                    breakerState("orders-db"), reportStats.summaryOk(), reportStats.summaryRejected());
        }
        System.out.println("\nDone. Retries hid the flaky 503s. The timeout cut hanging calls short, the breaker"
                + " opened while the service was sick, failed calls fast, probed it half-open, and closed once it"
                + " recovered. The bulkhead let two reports run at a time and turned the rest away at once.");
    }

    /** A burst of users asking for reports at once; each user is a thread of the application's own. */
    private static List<Thread> requestReports(CallStats stats) {
        ReportService reports = new ReportService();
        List<Thread> users = new ArrayList<>();
        for (int i = 0; i < REPORTS_PER_SECOND; i++) {
            String customer = "customer-" + i;
            Thread user = new Thread(() -> {
                long began = System.nanoTime();
                try {
                    reports.generate(customer);
                    stats.succeeded(System.nanoTime() - began);
                } catch (Exception e) {
                    stats.failed(e, System.nanoTime() - began);
                }
            });
            user.start();
            users.add(user);
        }
        return users;
    }

    private static void callInventory(HttpClient http, HttpRequest request, CallStats stats) {
        long began = System.nanoTime();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            if (status >= 500) {
                stats.failed(new IllegalStateException("HTTP " + status), System.nanoTime() - began);
            } else {
                stats.succeeded(System.nanoTime() - began);
            }
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
        Object state = attribute("CircuitBreaker", policy, "State");
        return state == null ? "(no agent)" : (String) state;
    }

    private static long retryAttempts(String policy) {
        Object attempts = attribute("Retry", policy, "RetryAttempts");
        return attempts == null ? 0 : (Long) attempts;
    }

    private static Object attribute(String kind, String policy, String attribute) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            return server.getAttribute(new ObjectName("dev.bulwark:type=" + kind + ",name=" + policy), attribute);
        } catch (Exception e) {
            return null;
        }
    }
}
