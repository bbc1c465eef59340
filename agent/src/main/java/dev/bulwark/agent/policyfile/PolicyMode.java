package dev.bulwark.agent.policyfile;

/** Whether a policy acts on calls or only reports what it would have done, so that a new policy can be tried safely. */
public enum PolicyMode {
    /** The policy rejects, times out, retries and falls back. The default. */
    @FileKey("enforce") ENFORCE,
    /** The policy records and reports its decisions but lets every call through unchanged. */
    @FileKey("observe") OBSERVE
}
