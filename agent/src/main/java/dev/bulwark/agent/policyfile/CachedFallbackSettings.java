package dev.bulwark.agent.policyfile;

import java.time.Duration;

import static dev.bulwark.agent.policyfile.KeyMerge.or;
import static dev.bulwark.agent.policyfile.SettingRange.requireBetween;

/**
 * A fallback's {@code cached} form: a failed call returns the last result the method returned for the same
 * arguments, if it is younger than {@code ttl}. Every key optional.
 *
 * @param ttl how long a result may be served, 1 s to 24 h [5m]
 * @param maxEntries results kept, 1 to 100,000 [1000]
 */
public record CachedFallbackSettings(Duration ttl, Integer maxEntries) {
    static final CachedFallbackSettings BUILT_IN = new CachedFallbackSettings(Duration.ofMinutes(5), 1000);

    /** Checks each key's range, so that an error points at this block. */
    public CachedFallbackSettings {
        requireBetween("ttl", ttl, Duration.ofSeconds(1), Duration.ofHours(24));
        requireBetween("maxEntries", maxEntries, 1, 100_000);
    }

    CachedFallbackSettings complete() {
        return new CachedFallbackSettings(or(ttl, BUILT_IN.ttl), or(maxEntries, BUILT_IN.maxEntries));
    }
}
