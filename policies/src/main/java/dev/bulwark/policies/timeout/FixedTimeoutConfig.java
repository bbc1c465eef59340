package dev.bulwark.policies.timeout;

import java.time.Duration;

/**
 * A timeout that is the same for every call.
 *
 * @param duration how long a call may run, 1 ms to 24 h
 */
public record FixedTimeoutConfig(Duration duration) implements TimeoutConfig {

    /** Checks the duration. */
    public FixedTimeoutConfig {
        TimeoutDurations.require("duration", duration);
    }
}
