package dev.bulwark.demo;

/** Calls of one kind in the current second: how many, how they ended, how long they took. */
final class CallStats {
    private int calls;
    private int succeeded;
    private int failed;
    private int rejected;
    private long totalNanos;

    void succeeded(long nanos) {
        calls++;
        succeeded++;
        totalNanos += nanos;
    }

    void failed(Exception e, long nanos) {
        calls++;
        totalNanos += nanos;
        // The application knows nothing of Bulwark; the demo only reads the message to show what happened.
        if (String.valueOf(e.getMessage()).startsWith("Bulwark policy")) {
            rejected++;
        } else {
            failed++;
        }
    }

    int summaryCalls() {
        return calls;
    }

    int summaryOk() {
        return succeeded;
    }

    String summary() {
        long averageMillis = calls == 0 ? 0 : totalNanos / calls / 1_000_000;
        return String.format("calls %3d  ok %3d  failed %3d  rejected %3d  avg %4d ms",
                calls, succeeded, failed, rejected, averageMillis);
    }
}
