package dev.bulwark.policies.ratelimiter.internal;

import dev.bulwark.policies.ratelimiter.RateLimiter;
import dev.bulwark.policies.ratelimiter.RateLimiterConfig;
import dev.bulwark.policies.time.NanoClock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link RateLimiter} after resilience4j's {@code AtomicRateLimiter}: periods are counted from creation on
 * the clock, and the period number with the permissions left in it is one {@code long} swapped by CAS
 * ({@link PeriodState}), so taking an available permission allocates nothing and takes no lock.
 *
 * <p>The state is read before the clock, on every try: with a monotonic clock the period a thread computes is
 * then never older than the one it read, so a slow thread cannot refill an allowance that a faster one spent.
 */
public final class AtomicRateLimiter implements RateLimiter {
    private final String name;
    private final NanoClock clock;
    private final Sleeper sleeper;
    private final long origin;
    private final long periodNanos;
    private volatile Settings settings;
    private final AtomicLong state;
    private final AtomicInteger waitingThreads = new AtomicInteger();
    private final LongAdder rejected = new LongAdder();

    /**
     * @param name what operators know it by
     * @param config its settings
     * @param clock the clock periods and waits are measured on; must never go back
     */
    public AtomicRateLimiter(String name, RateLimiterConfig config, NanoClock clock) {
        this(name, config, clock, Sleeper.PARK);
    }

    /**
     * @param name what operators know it by
     * @param config its settings
     * @param clock the clock periods and waits are measured on; must never go back
     * @param sleeper how a waiting call passes time
     */
    public AtomicRateLimiter(String name, RateLimiterConfig config, NanoClock clock, Sleeper sleeper) {
        this.name = name;
        this.clock = clock;
        this.sleeper = sleeper;
        this.settings = new Settings(config);
        this.periodNanos = config.limitRefreshPeriod().toNanos();
        this.origin = clock.nanoTime();
        this.state = new AtomicLong(PeriodState.pack(0, config.limitForPeriod()));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RateLimiterConfig config() {
        return settings.config();
    }

    @Override
    public boolean acquirePermission() {
        Settings current = settings;
        while (true) {
            long word = state.get();
            long now = clock.nanoTime();
            long period = periodAt(now);
            int permissions = PeriodState.permissionsIn(word, period, current.limit);
            if (permissions > 0) {
                if (state.compareAndSet(word, PeriodState.pack(period, permissions - 1))) {
                    return true;
                }
                continue;
            }
            // The permission this call would get is the (1 - permissions)-th one still to come.
            long periodsAhead = -(long) permissions / current.limit + 1;
            // Bounded before it is multiplied, so that a deep debt (left by a higher limit) cannot overflow the
            // product; this refuses only calls that would wait past the timeout anyway.
            if (periodsAhead - 1 > current.timeoutNanos / periodNanos || permissions <= PeriodState.MIN_PERMISSIONS) {
                return refuse();
            }
            long readyAt = origin + (period + periodsAhead) * periodNanos;
            if (readyAt - now > current.timeoutNanos) {
                return refuse();
            }
            if (state.compareAndSet(word, PeriodState.pack(period, permissions - 1))) {
                return waitUntil(readyAt);
            }
        }
    }

    private boolean refuse() {
        rejected.increment();
        return false;
    }

    private boolean waitUntil(long readyAt) {
        waitingThreads.incrementAndGet();
        try {
            while (true) {
                long remaining = readyAt - clock.nanoTime();
                if (remaining <= 0) {
                    return true;
                }
                if (Thread.currentThread().isInterrupted()) {
                    giveBackReservation();
                    return refuse();
                }
                sleeper.park(remaining);
            }
        } finally {
            waitingThreads.decrementAndGet();
        }
    }

    /**
     * Returns an unused reservation to the current period. Whoever asks next may take it, and the debt it stood
     * for is gone; capped at a full allowance, so a period never gives more than its limit.
     */
    private void giveBackReservation() {
        while (true) {
            long word = state.get();
            long period = periodAt(clock.nanoTime());
            int limit = settings.limit;
            int permissions = PeriodState.permissionsIn(word, period, limit);
            if (state.compareAndSet(word, PeriodState.pack(period, Math.min(permissions + 1, limit)))) {
                return;
            }
        }
    }

    private long periodAt(long now) {
        return (now - origin) / periodNanos;
    }

    @Override
    public int availablePermissions() {
        long word = state.get();
        return PeriodState.permissionsIn(word, periodAt(clock.nanoTime()), settings.limit);
    }

    @Override
    public int numberOfWaitingThreads() {
        return waitingThreads.get();
    }

    @Override
    public long rejectedCalls() {
        return rejected.sum();
    }

    @Override
    public boolean reconfigure(RateLimiterConfig config) {
        if (config.limitRefreshPeriod().toNanos() != periodNanos) {
            return false;
        }
        settings = new Settings(config);
        return true;
    }

    /**
     * The settings one call works with, read once so that a concurrent change cannot mix old and new. It keeps
     * plain numbers rather than the config record, so that a model checker can walk the limiter's state.
     */
    private static final class Settings {
        final int limit;
        final long timeoutNanos;
        final long periodNanos;

        Settings(RateLimiterConfig config) {
            this.limit = config.limitForPeriod();
            this.timeoutNanos = config.timeoutDuration().toNanos();
            this.periodNanos = config.limitRefreshPeriod().toNanos();
        }

        RateLimiterConfig config() {
            return new RateLimiterConfig(limit, Duration.ofNanos(periodNanos), Duration.ofNanos(timeoutNanos));
        }
    }
}
