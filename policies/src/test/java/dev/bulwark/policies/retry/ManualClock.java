package dev.bulwark.policies.retry;

import dev.bulwark.policies.time.NanoClock;

import java.time.Duration;

/** A clock that moves only when a test moves it. */
final class ManualClock implements NanoClock {
    private volatile long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    void advance(Duration by) {
        now += by.toNanos();
    }
}
