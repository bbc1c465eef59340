package dev.bulwark.agent.policyfile;

/**
 * The resilience kinds a policy can apply, each configured by the block of the same key. {@code failWhen} is not a
 * kind: it only classifies outcomes for the kinds a policy has.
 */
public enum PolicyKind {
    CIRCUIT_BREAKER("circuitBreaker"),
    BULKHEAD("bulkhead"),
    RATE_LIMITER("rateLimiter"),
    TIMEOUT("timeout"),
    RETRY("retry"),
    FALLBACK("fallback");

    private final String key;

    PolicyKind(String key) {
        this.key = key;
    }

    /** @return the key of the kind's block in the policy file */
    public String key() {
        return key;
    }
}
