package dev.bulwark.it.apps;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * An ordinary JDBC application: HikariCP over the PostgreSQL driver's DataSource, no knowledge of Bulwark.
 * <ul>
 *   <li>{@code loop URL}: queries every 20 ms until killed, one output line per call;</li>
 *   <li>{@code count URL N}: N queries through the pool, N straight through the driver's DataSource, then DONE.</li>
 * </ul>
 */
public final class DatabaseClientApp {

    private DatabaseClientApp() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        try (HikariDataSource pool = pool(url)) {
            System.out.println("APP READY");
            if (mode.equals("loop")) {
                while (true) {
                    query(pool);
                    TimeUnit.MILLISECONDS.sleep(20);
                }
            }
            int calls = Integer.parseInt(args[2]);
            for (int i = 0; i < calls; i++) {
                query(pool);
            }
            PGSimpleDataSource driver = driverDataSource(url);
            for (int i = 0; i < calls; i++) {
                query(driver);
            }
            System.out.println("DONE");
            TimeUnit.HOURS.sleep(1);
        }
    }

    private static void query(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT 1")) {
            rows.next();
            CallLog.ok(String.valueOf(rows.getInt(1)));
        } catch (Exception e) {
            CallLog.failed(e);
        }
    }

    /** A pool that creates its first connection inside the first getConnection, on the caller's thread. */
    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(driverDataSource(url));
        pool.setMaximumPoolSize(1);
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(500);
        pool.setValidationTimeout(250);
        return pool;
    }

    private static PGSimpleDataSource driverDataSource(String url) {
        PGSimpleDataSource driver = new PGSimpleDataSource();
        driver.setURL(url);
        return driver;
    }
}
