package dev.bulwark.it;

import dev.bulwark.it.apps.DatabaseClientApp;
import dev.bulwark.it.support.AgentJvm;
import dev.bulwark.it.support.PolicyFiles;
import dev.bulwark.it.support.PostgresServer;
import dev.bulwark.it.support.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real PostgreSQL behind HikariCP, guarded by {@code javax.sql.DataSource#getConnection(..)}. */
class DatabaseBreakerTest {
    private static final String REJECTED = "CALL FAILED java.sql.SQLTransientConnectionException: "
            + "Bulwark policy 'orders-db' rejected the call: circuit breaker is OPEN";
    private static final Predicate<String> IS_REJECTION = line -> line.equals(REJECTED);

    @TempDir
    Path folder;

    @Test
    void opensWhenTheDatabaseIsCutAndThenFailsFastWithoutTouchingTheNetwork() throws Exception {
        try (TcpProxy database = new TcpProxy(PostgresServer.port());
             AgentJvm app = AgentJvm.start(policy("1h", 10).toString(), DatabaseClientApp.class,
                     "loop", PostgresServer.jdbcUrl(database.port()))) {
            app.awaitLineCount(line -> line.startsWith("CALL OK"), 5);
            assertThat(app.jmx().breaker("orders-db", "State")).isEqualTo("CLOSED");

            database.cut();

            await().atMost(AgentJvm.PATIENCE).until(() -> app.jmx().breaker("orders-db", "State").equals("OPEN"));
            app.awaitLineCount(IS_REJECTION, 10);
            int attemptsWhileOpen = database.connectionAttempts();
            long rejectionsBefore = app.countLines(IS_REJECTION);
            app.awaitLineCount(IS_REJECTION, rejectionsBefore + 25);
            assertThat(database.connectionAttempts()).isEqualTo(attemptsWhileOpen);
            assertThat(app.jmx().breaker("orders-db", "State")).isEqualTo("OPEN");
            assertThat((Long) app.jmx().breaker("orders-db", "NotPermittedCalls")).isGreaterThanOrEqualTo(25L);
        }
    }

    @Test
    void recoversThroughHalfOpenToClosedWhenTheDatabaseComesBack() throws Exception {
        try (TcpProxy database = new TcpProxy(PostgresServer.port());
             AgentJvm app = AgentJvm.start(policy("2s", 10).toString(), DatabaseClientApp.class,
                     "loop", PostgresServer.jdbcUrl(database.port()))) {
            app.awaitLineCount(line -> line.startsWith("CALL OK"), 5);
            database.cut();
            app.awaitLineContaining("Bulwark circuit breaker 'orders-db' changed from CLOSED to OPEN");

            database.restore();

            app.awaitLineContaining("Bulwark circuit breaker 'orders-db' changed from OPEN to HALF_OPEN");
            app.awaitLineContaining("Bulwark circuit breaker 'orders-db' changed from HALF_OPEN to CLOSED");
            assertThat(app.jmx().breaker("orders-db", "State")).isEqualTo("CLOSED");
            long okBefore = app.countLines(line -> line.startsWith("CALL OK"));
            app.awaitLineCount(line -> line.startsWith("CALL OK"), okBefore + 5);
        }
    }

    @Test
    void aPoolCallingTheDriversGetConnectionCountsOnce() throws Exception {
        int calls = 7;
        try (AgentJvm app = AgentJvm.start(policy("1h", 100).toString(), DatabaseClientApp.class,
                "count", PostgresServer.jdbcUrl(PostgresServer.port()), String.valueOf(calls))) {
            app.awaitLineContaining("DONE");

            assertThat(app.countLines(line -> line.startsWith("CALL OK"))).as("the app's output: %s", app.output())
                    .isEqualTo(2L * calls);
            // Each call through the pool and each call to the driver's getConnection() (which calls its own
            // getConnection(user, password)) is recorded once.
            assertThat(app.jmx().breaker("orders-db", "BufferedCalls")).isEqualTo(2 * calls);
            assertThat(app.jmx().breaker("orders-db", "SuccessfulCalls")).isEqualTo(2 * calls);
        }
    }

    private Path policy(String waitInOpenState, int slidingWindowSize) throws Exception {
        return PolicyFiles.write(folder, """
                {
                  "version": 1,
                  "policies": [
                    {
                      "name": "orders-db",
                      "methods": ["javax.sql.DataSource#getConnection(..)"],
                      "circuitBreaker": {
                        "failureRateThreshold": 50,
                        "slidingWindowSize": %d,
                        "minimumNumberOfCalls": 5,
                        "waitDurationInOpenState": "%s",
                        "permittedNumberOfCallsInHalfOpenState": 3
                      }
                    }
                  ]
                }
                """.formatted(slidingWindowSize, waitInOpenState));
    }
}
