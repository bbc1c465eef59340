package dev.bulwark.runtime.log;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Bulwark's own log, through {@link System.Logger} so that the host application's logging decides where it goes.
 *
 * <p>Internal faults are logged at most once a minute per kind: a fault on a hot path must never flood the
 * host application's log.
 */
public final class BulwarkLog {
    private static final Logger LOGGER = System.getLogger("dev.bulwark");
    private static final long FAULT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final ConcurrentMap<String, Long> LAST_FAULT = new ConcurrentHashMap<>();

    private BulwarkLog() {
    }

    /** Logs something an operator should know, such as a breaker changing state. */
    public static void info(String message) {
        LOGGER.log(Level.INFO, message);
    }

    /** Logs something an operator should act on, such as a pattern that matches nothing. */
    public static void warning(String message) {
        LOGGER.log(Level.WARNING, message);
    }

    /** Logs something that leaves the application unprotected, such as a policy file that cannot be used. */
    public static void error(String message) {
        LOGGER.log(Level.ERROR, message);
    }

    /**
     * Reports a fault inside Bulwark that it recovered from, at most once a minute per {@code kind}.
     *
     * @param kind what was being done, e.g. "recording a call outcome"
     * @param fault what went wrong
     */
    public static void internalFault(String kind, Throwable fault) {
        long now = System.nanoTime();
        Long last = LAST_FAULT.get(kind);
        if (last != null && now - last < FAULT_INTERVAL_NANOS) {
            return;
        }
        if (last == null ? LAST_FAULT.putIfAbsent(kind, now) == null : LAST_FAULT.replace(kind, last, now)) {
            LOGGER.log(Level.WARNING, "Bulwark recovered from an internal fault while " + kind
                    + "; the application call went ahead unguarded", fault);
        }
    }
}
