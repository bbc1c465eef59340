package dev.bulwark.agent;

import dev.bulwark.agent.instrument.PolicyInstrumentation;
import dev.bulwark.runtime.jmx.AgentStatus;
import dev.bulwark.runtime.log.BulwarkLog;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reports, once, the patterns that matched no method some time after start-up. Not an error: classes load
 * lazily, and one policy file often serves applications that use only some of its targets.
 */
final class UnmatchedPatternReport {

    private UnmatchedPatternReport() {
    }

    static void schedule(PolicyInstrumentation instrumentation, AgentStatus status, Duration after) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "bulwark-unmatched-pattern-report");
            thread.setDaemon(true);
            return thread;
        });
        timer.schedule(() -> {
            List<String> unmatched = instrumentation.unmatchedPatterns();
            for (String pattern : unmatched) {
                String message = "Pattern matched no method in the " + after.toSeconds() + "s after start-up: "
                        + pattern;
                status.addError(message);
                BulwarkLog.warning("Bulwark: " + message);
            }
            timer.shutdown();
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }
}
