package dev.bulwark.it.apps;

/** How the test apps report each call on standard output, one line per call, for the tests to read. */
final class CallLog {

    private CallLog() {
    }

    static void ok(String what) {
        System.out.println("CALL OK " + what);
    }

    static void failed(Throwable e) {
        System.out.println("CALL FAILED " + e.getClass().getName() + ": " + e.getMessage());
    }
}
