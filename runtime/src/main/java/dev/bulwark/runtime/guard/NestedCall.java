package dev.bulwark.runtime.guard;

/** The token of a call made inside another call of the same policy on the same thread: it records nothing. */
public final class NestedCall {
    private final Guard guard;

    NestedCall(Guard guard) {
        this.guard = guard;
    }

    /** Ends the nested call. */
    public void exit() {
        guard.exitNested();
    }
}
