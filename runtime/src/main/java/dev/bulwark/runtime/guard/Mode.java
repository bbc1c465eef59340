package dev.bulwark.runtime.guard;

/** Whether a policy acts on calls or only watches them. */
public enum Mode {
    /** Rejects, times out, retries and falls back as configured. */
    ENFORCE,
    /**
     * Measures everything and counts what it would have done, but never changes a call's outcome: the way a team
     * tries a policy on production traffic before trusting it.
     */
    OBSERVE
}
