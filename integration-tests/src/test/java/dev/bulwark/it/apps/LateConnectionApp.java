package dev.bulwark.it.apps;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * An ordinary JDBC application whose pool of one connection checks that connection before lending it, with a query
 * as slow as the test makes it: a database that answers slowly, to a pool that takes a while to hand out a
 * connection. Commands on standard input: {@code slow} and {@code fast} make the check take three seconds or none;
 * {@code get} borrows the connection, prints the outcome and how many connections the pool has lent, and gives it
 * back. Each command ends with {@code DONE <command>}.
 */
public final class LateConnectionApp {

    private LateConnectionApp() {
    }

    public static void main(String[] args) throws Exception {
        // Check at every borrow, not only after half a second idle, so that each get runs the check.
        System.setProperty("com.zaxxer.hikari.aliveBypassWindowMs", "0");
        String knob = "check_delay_" + ProcessHandle.current().pid();
        try (Connection admin = DriverManager.getConnection(args[0]);
             Statement settings = admin.createStatement()) {
            settings.execute("CREATE TABLE " + knob + " (seconds float)");
            settings.execute("INSERT INTO " + knob + " VALUES (0)");
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(args[0]);
            config.setMaximumPoolSize(1);
            config.setConnectionTestQuery("SELECT pg_sleep(seconds) FROM " + knob);
            config.setConnectionTimeout(2_000);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                System.out.println("APP READY");
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String command = line.strip();
                    if (command.equals("slow") || command.equals("fast")) {
                        settings.execute("UPDATE " + knob + " SET seconds = " + (command.equals("slow") ? 3 : 0));
                    } else {
                        get(pool);
                    }
                    System.out.println("DONE " + command);
                }
            } finally {
                settings.execute("DROP TABLE " + knob);
            }
        }
    }

    private static void get(HikariDataSource pool) {
        try (Connection connection = pool.getConnection()) {
            System.out.println("get RETURNED interrupted=" + Thread.currentThread().isInterrupted());
        } catch (Exception e) {
            System.out.println("get THREW " + e.getClass().getName() + ": " + e.getMessage()
                    + " interrupted=" + Thread.currentThread().isInterrupted());
        }
        System.out.println("lent " + pool.getHikariPoolMXBean().getActiveConnections());
    }
}
