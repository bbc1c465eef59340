package dev.bulwark.runtime.guard;

/** The token of a call made inside another call of the same policy on the same thread: it records nothing. */
public final class NestedCall {
    private final ThreadCalls calls;

    NestedCall(ThreadCalls calls) {
        this.calls = calls;
    }

    /** Ends the nested call. */
    public void exit() {
        calls.get().depth--;
    }
}
