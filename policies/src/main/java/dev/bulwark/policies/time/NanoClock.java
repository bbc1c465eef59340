package dev.bulwark.policies.time;

/**
 * A monotonic source of nanoseconds, so that policies can be driven by a real clock in production and by a
 * hand-stepped one in tests.
 */
@FunctionalInterface
public interface NanoClock {

    /** The clock of the running JVM, {@link System#nanoTime()}. */
    NanoClock SYSTEM = System::nanoTime;

    /** @return the current reading in nanoseconds; only differences between readings are meaningful */
    long nanoTime();
}
