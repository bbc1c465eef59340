package dev.bulwark.policies.circuitbreaker;

/**
 * The states of a {@link CircuitBreaker}, named as resilience4j names them so operators recognise them.
 */
public enum CircuitBreakerState {
    /**
     * Calls pass and their outcomes are recorded; the breaker opens when the failure rate or the slow-call rate
     * reaches its threshold.
     */
    CLOSED,
    /** Calls are rejected until the wait in open state has passed. */
    OPEN,
    /** A limited number of trial calls pass; their outcomes decide between {@code CLOSED} and {@code OPEN}. */
    HALF_OPEN,
    /** Forced by an operator: every call is rejected until the breaker is reset or forced otherwise. */
    FORCED_OPEN,
    /** Forced by an operator: every call passes and is recorded, and the breaker never trips. */
    FORCED_CLOSED,
    /** Every call passes and nothing is recorded. */
    DISABLED
}
