package dev.bulwark.demo;

/**
 * Calls of one kind in the current second: how many, how they ended, how long they took. Report users record from
 * their own threads, hence the locks; this is the demo app, not Bulwark.
 */
final class CallStats {
    private int calls;
    private int succeeded;
    private int failed;
    private int rejected;
    private long totalNanos;

    synchronized void succeeded(long nanos) {
        calls++;
        succeeded++;
        totalNanos += nanos;
    }

    synchronized void failed(Exception e, long nanos) {
        calls++;
        totalNanos += nanos;
        // The application knows nothing of Bulwark; the demo only reads the message to show what happened.
        if (String.valueOf(e.getMessage()).startsWith("Bulwark policy")) {
            rejected++;
        } else {
            failed++;
        }
    }

    synchronized int summaryRejected() {
        return rejected;
    }

    synchronized int summaryCalls() {
        return calls;
    }

    synchronized int summaryOk() {
        return succeeded;
    }

    synchronized String summary() {
        long averageMillis = calls == 0 ? 0 : totalNanos / calls / 1_000_000;
        return String.format("calls %3d ok %3d failed %3d rejected %3d avg %3d ms",
                calls, succeeded, failed, rejected, averageMillis);
    }
}
