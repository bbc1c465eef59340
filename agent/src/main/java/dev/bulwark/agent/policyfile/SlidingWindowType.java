package dev.bulwark.agent.policyfile;

/** How a circuit breaker's window is measured: the last N calls, or the calls of the last N seconds. */
public enum SlidingWindowType {
    /** {@code slidingWindowSize} counts calls, 1 to 100,000. The default, as in resilience4j. */
    COUNT_BASED,
    /** {@code slidingWindowSize} counts seconds, 1 to 3,600. */
    TIME_BASED
}
