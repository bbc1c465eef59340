package dev.bulwark.policies.timeout;

import java.time.Duration;

/** The range every timeout duration must lie in, checked the same way for both shapes of config. */
final class TimeoutDurations {

    private TimeoutDurations() {
    }

    static void require(String name, Duration value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be given");
        }
        if (value.compareTo(TimeoutConfig.MIN_DURATION) < 0 || value.compareTo(TimeoutConfig.MAX_DURATION) > 0) {
            throw new IllegalArgumentException(name + " must be between 1ms and 24h, was " + value);
        }
    }
}
