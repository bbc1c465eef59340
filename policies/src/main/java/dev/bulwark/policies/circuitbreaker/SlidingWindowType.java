package dev.bulwark.policies.circuitbreaker;

/**
 * How a {@link CircuitBreaker} decides which recent outcomes its rates are computed over, as resilience4j does:
 * the last N calls, or the calls of the last N seconds.
 */
public enum SlidingWindowType {
    /** The window holds the outcomes of the last {@code slidingWindowSize} calls. */
    COUNT_BASED,
    /** The window holds the outcomes of calls that ended in the last {@code slidingWindowSize} seconds. */
    TIME_BASED
}
