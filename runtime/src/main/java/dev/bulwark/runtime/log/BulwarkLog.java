package dev.bulwark.runtime.log;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Bulwark's own log, through {@link System.Logger} so that the host application's logging decides where it goes.
 *
 * <p>Logging never fails a call and never recurses: the host's logging may itself call guarded methods (a JDBC
 * appender), so a message logged while this thread is already logging is dropped. Internal faults are logged at
 * most once a minute per kind, so that a fault on a hot path cannot flood the host application's log.
 */
public final class BulwarkLog {
    private static final long FAULT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final ConcurrentMap<String, Long> LAST_FAULT = new ConcurrentHashMap<>();
    private static final ThreadLocal<boolean[]> LOGGING = ThreadLocal.withInitial(() -> new boolean[1]);

    private BulwarkLog() {
    }

    /**
     * The logger, made when the first message is logged: finding the logging backend loads some forty JDK classes,
     * which {@code premain} (that loads this class before it installs the filter) need not wait for. The first
     * message usually comes from {@code bulwark-start}. When it comes from the weaver instead, the backend is found
     * in the middle of a transformation: the classes that loads (the JDK's, an application's own
     * {@code LoggerFinder}, and with {@code java.util.logging.config.file} or {@code .class} set the handlers that
     * configuration names) are left unadvised, as every class loaded while the weaver works is; another thread's
     * first message waits for it, and a message this thread logs meanwhile is dropped like any nested one. Should
     * the backend fail to start, Bulwark's messages are lost, never the application's calls.
     */
    private static final class Backend {
        static final Logger LOGGER = System.getLogger("dev.bulwark");
    }

    /** Logs something an operator should know, such as a breaker changing state. */
    public static void info(String message) {
        log(Level.INFO, message, null);
    }

    /** Logs something an operator should act on, such as a pattern that matches nothing. */
    public static void warning(String message) {
        log(Level.WARNING, message, null);
    }

    /** Logs something that leaves the application unprotected, such as a policy file that cannot be used. */
    public static void error(String message) {
        log(Level.ERROR, message, null);
    }

    /**
     * Reports a fault inside Bulwark that it recovered from, at most once a minute per {@code kind}. Every report
     * says what the fault meant for the application, as the operator reading it at 3 a.m. needs to know whether
     * calls went unguarded, a resource stayed open or only an MBean is missing.
     *
     * @param kind what was being done, e.g. "recording a call outcome"
     * @param fault what went wrong
     * @param consequence what it meant for the application, e.g. "the resource may stay open"
     */
    public static void internalFault(String kind, Throwable fault, String consequence) {
        try {
            long now = System.nanoTime();
            Long last = LAST_FAULT.get(kind);
            if (last != null && now - last < FAULT_INTERVAL_NANOS) {
                return;
            }
            if (last == null ? LAST_FAULT.putIfAbsent(kind, now) == null : LAST_FAULT.replace(kind, last, now)) {
                log(Level.WARNING, "Bulwark recovered from an internal fault while " + kind + "; " + consequence,
                        fault);
            }
        } catch (Throwable ignored) {
            // Reporting must never become the fault.
        }
    }

    private static void log(Level level, String message, Throwable thrown) {
        boolean[] logging = LOGGING.get();
        if (logging[0]) {
            return;
        }
        logging[0] = true;
        try {
            Backend.LOGGER.log(level, message, thrown);
        } catch (Throwable ignored) {
            // The host's logging failed; the call Bulwark is guarding must not.
        } finally {
            logging[0] = false;
        }
    }
}
