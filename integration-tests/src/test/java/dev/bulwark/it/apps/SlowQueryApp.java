package dev.bulwark.it.apps;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * An ordinary JDBC application whose query takes a second: each {@code query} line on standard input runs
 * {@code SELECT pg_sleep(1)} through HikariCP and the PostgreSQL driver, and prints its outcome with the calling
 * thread's interrupt flag, then {@code DONE query}.
 */
public final class SlowQueryApp {

    private SlowQueryApp() {
    }

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            System.out.println("APP READY");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                try (Connection connection = pool.getConnection();
                     Statement statement = connection.createStatement()) {
                    ResultSet rows = statement.executeQuery("SELECT pg_sleep(1)");
                    rows.next();
                    System.out.println("query RETURNED rows interrupted=" + Thread.currentThread().isInterrupted());
                } catch (Exception e) {
                    System.out.println("query THREW " + e.getClass().getName() + ": " + e.getMessage()
                            + " interrupted=" + Thread.currentThread().isInterrupted());
                }
                System.out.println("DONE " + line.strip());
            }
        }
    }
}
