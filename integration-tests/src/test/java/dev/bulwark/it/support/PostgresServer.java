package dev.bulwark.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real PostgreSQL server the tests use. {@code .ci/run} starts one and passes its port in
 * {@code BULWARK_TEST_PG_PORT}; without it, a throw-away cluster is started here with the same script, so that
 * {@code mvn verify} alone works on a machine with PostgreSQL installed. There is no skipping: no server, no pass.
 */
public final class PostgresServer {
    private static int port;

    private PostgresServer() {
    }

    /** @return the port of the server on 127.0.0.1; user {@code postgres}, database {@code postgres}, no password */
    public static synchronized int port() {
        if (port == 0) {
            String fromCi = System.getenv("BULWARK_TEST_PG_PORT");
            port = fromCi != null && !fromCi.isBlank() ? Integer.parseInt(fromCi.strip()) : startThrowAwayCluster();
        }
        return port;
    }

    /** @return a JDBC URL for a connection through {@code port} (the server's or a proxy's) */
    public static String jdbcUrl(int throughPort) {
        return "jdbc:postgresql://127.0.0.1:" + throughPort + "/postgres?user=postgres&connectTimeout=2";
    }

    private static int startThrowAwayCluster() {
        try {
            Path script = Path.of(System.getProperty("bulwark.repository"), ".ci", "postgres");
            Path folder = Files.createTempDirectory("bulwark-test-postgres-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Process start = new ProcessBuilder("bash", script.toString(), "start", folder.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String printed = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!start.waitFor(90, TimeUnit.SECONDS) || start.exitValue() != 0) {
                throw new IllegalStateException("could not start PostgreSQL with " + script
                        + "; install the postgresql package or run .ci/run");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(script, folder)));
            return Integer.parseInt(printed);
        } catch (IOException e) {
            throw new IllegalStateException("could not start PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting PostgreSQL", e);
        }
    }

    private static void stop(Path script, Path folder) {
        try {
            new ProcessBuilder("bash", script.toString(), "stop", folder.toString()).inheritIO().start()
                    .waitFor(60, TimeUnit.SECONDS);
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        } catch (IOException | InterruptedException e) {
            // The JVM is ending; what is left is in the temporary directory.
        }
    }
}
