package dev.bulwark.agent.reload;

import dev.bulwark.runtime.log.BulwarkLog;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Notices changes to the policy file by reading it once a second and comparing its SHA-256. Reading covers every
 * way a file changes: an edit in place, an atomic rename over it, and the symlink swap with which Kubernetes
 * updates a mounted ConfigMap ({@code ..data} pointing to a new folder), which file-system events report
 * unreliably. A change is applied once the file has read the same twice in a row, so a half-written file is not.
 */
public final class PolicyFileWatcher {
    private static final long POLL_INTERVAL_MILLIS = 1000;

    private final PolicyReloader reloader;
    private String previousSha256;

    private PolicyFileWatcher(PolicyReloader reloader) {
        this.reloader = reloader;
        this.previousSha256 = reloader.handledSha256();
    }

    /** Starts watching on a daemon thread. */
    public static void start(PolicyReloader reloader) {
        PolicyFileWatcher watcher = new PolicyFileWatcher(reloader);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "bulwark-policy-file-watcher");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(watcher::poll, POLL_INTERVAL_MILLIS, POLL_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            String current = reloader.currentSha256();
            boolean settled = current != null && current.equals(previousSha256);
            previousSha256 = current;
            if (settled && !Objects.equals(current, reloader.handledSha256())) {
                reloader.reload();
            }
        } catch (Throwable fault) {
            // A scheduled task that throws is never run again: the watcher must outlive any fault.
            BulwarkLog.internalFault("watching the policy file", fault, "the watcher looks again at its next poll");
        }
    }
}
