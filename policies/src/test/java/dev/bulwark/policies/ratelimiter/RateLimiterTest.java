package dev.bulwark.policies.ratelimiter;

import dev.bulwark.policies.ratelimiter.internal.AtomicRateLimiter;
import dev.bulwark.policies.ratelimiter.internal.Sleeper;
import dev.bulwark.policies.time.NanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {
    private static final Duration PERIOD = Duration.ofSeconds(1);

    private final ManualClock clock = new ManualClock();
    /** Waits pass on the manual clock: a waiting call moves it to when it asked to wake. */
    private final Sleeper clockSleeper = clock::advanceNanos;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private RateLimiter limiter(int limit, Duration timeout) {
        return limiter(limit, timeout, clockSleeper);
    }

    private RateLimiter limiter(int limit, Duration timeout, Sleeper sleeper) {
        return new AtomicRateLimiter("test", config(limit, timeout), clock, sleeper);
    }

    private static RateLimiterConfig config(int limit, Duration timeout) {
        return RateLimiterConfig.builder().limitForPeriod(limit).limitRefreshPeriod(PERIOD)
                .timeoutDuration(timeout).build();
    }

    @Test
    void givesLimitForPeriodPermissionsInAPeriodThenRefuses() {
        RateLimiter limiter = limiter(3, Duration.ZERO);

        assertThat(limiter.acquirePermission()).isTrue();
        assertThat(limiter.acquirePermission()).isTrue();
        assertThat(limiter.acquirePermission()).isTrue();
        assertThat(limiter.acquirePermission()).isFalse();
        assertThat(limiter.availablePermissions()).isZero();
    }

    @Test
    void renewsTheAllowanceExactlyWhenTheNextPeriodStarts() {
        RateLimiter limiter = limiter(1, Duration.ZERO);
        limiter.acquirePermission();

        clock.advance(PERIOD.minusNanos(1));
        assertThat(limiter.acquirePermission()).as("1 ns before the period ends").isFalse();
        clock.advanceNanos(1);
        assertThat(limiter.acquirePermission()).as("as the next period starts").isTrue();
    }

    @Test
    void unusedPermissionsDoNotAccumulateAcrossPeriods() {
        RateLimiter limiter = limiter(2, Duration.ZERO);

        clock.advance(PERIOD.multipliedBy(10));

        assertThat(limiter.availablePermissions()).isEqualTo(2);
        assertThat(limiter.acquirePermission()).isTrue();
        assertThat(limiter.acquirePermission()).isTrue();
        assertThat(limiter.acquirePermission()).isFalse();
    }

    @Test
    void reservesAPermissionOfTheNextPeriodAndWaitsUntilItStarts() {
        RateLimiter limiter = limiter(1, PERIOD);
        long start = clock.nanoTime();
        clock.advance(Duration.ofMillis(300));
        limiter.acquirePermission();

        assertThat(limiter.acquirePermission()).isTrue();

        assertThat(clock.nanoTime() - start).as("woke as the next period started").isEqualTo(PERIOD.toNanos());
        assertThat(limiter.availablePermissions()).as("its permission was the next period's").isZero();
        assertThat(limiter.numberOfWaitingThreads()).isZero();
    }

    @Test
    void reservationsQueueUpPeriodAfterPeriodWithinTheTimeout() {
        RateLimiter limiter = limiter(1, PERIOD.multipliedBy(3));
        long start = clock.nanoTime();
        List<Long> permittedAt = new ArrayList<>();

        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquirePermission()).isTrue();
            permittedAt.add(clock.nanoTime() - start);
        }

        long second = PERIOD.toNanos();
        assertThat(permittedAt).containsExactly(0L, second, 2 * second, 3 * second);
    }

    @Test
    void refusesAtOnceWhenTheNextFreePermissionStartsBeyondTheTimeout() {
        RateLimiter limiter = limiter(1, PERIOD.minusNanos(1));
        limiter.acquirePermission();
        long before = clock.nanoTime();

        assertThat(limiter.acquirePermission()).isFalse();

        assertThat(clock.nanoTime()).as("did not wait").isEqualTo(before);
        assertThat(limiter.availablePermissions()).as("reserved nothing").isZero();
    }

    @Test
    void reportsNegativeAvailabilityAndTheWaiterWhileACallWaits() {
        int[] seenWhileParked = new int[2];
        RateLimiter[] limiter = new RateLimiter[1];
        limiter[0] = limiter(1, PERIOD, nanos -> {
            seenWhileParked[0] = limiter[0].availablePermissions();
            seenWhileParked[1] = limiter[0].numberOfWaitingThreads();
            clock.advanceNanos(nanos);
        });
        limiter[0].acquirePermission();

        limiter[0].acquirePermission();

        assertThat(seenWhileParked).containsExactly(-1, 1);
    }

    @Test
    void interruptedWaiterIsRefusedKeepsItsFlagAndGivesItsReservationBack() {
        RateLimiter limiter = limiter(1, PERIOD, nanos -> Thread.currentThread().interrupt());
        limiter.acquirePermission();

        assertThat(limiter.acquirePermission()).isFalse();

        assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
        assertThat(limiter.availablePermissions()).as("reservation given back").isZero();
        assertThat(limiter.numberOfWaitingThreads()).isZero();
        assertThat(limiter.rejectedCalls()).isEqualTo(1);
        clock.advance(PERIOD);
        assertThat(limiter.availablePermissions()).as("next period has its whole allowance, no more").isEqualTo(1);
    }

    @Test
    void countsEveryRefusal() {
        RateLimiter limiter = limiter(1, Duration.ZERO);
        limiter.acquirePermission();

        limiter.acquirePermission();
        limiter.acquirePermission();

        assertThat(limiter.rejectedCalls()).isEqualTo(2);
    }

    @Test
    void aNewLimitAppliesFromTheNextPeriod() {
        RateLimiter limiter = limiter(2, Duration.ZERO);
        limiter.acquirePermission();

        assertThat(limiter.reconfigure(config(5, Duration.ZERO))).isTrue();

        assertThat(limiter.availablePermissions()).as("this period keeps what it had left").isEqualTo(1);
        clock.advance(PERIOD);
        assertThat(limiter.availablePermissions()).isEqualTo(5);
        assertThat(limiter.config().limitForPeriod()).isEqualTo(5);
    }

    @Test
    void aLowerLimitCapsTheNextPeriod() {
        RateLimiter limiter = limiter(5, Duration.ZERO);

        limiter.reconfigure(config(2, Duration.ZERO));
        clock.advance(PERIOD);

        assertThat(limiter.availablePermissions()).isEqualTo(2);
    }

    @Test
    void aNewTimeoutAppliesToTheNextCall() {
        RateLimiter limiter = limiter(1, Duration.ZERO);
        limiter.acquirePermission();

        limiter.reconfigure(config(1, PERIOD));

        assertThat(limiter.acquirePermission()).as("now waits for the next period").isTrue();
    }

    @Test
    void refusesANewRefreshPeriodAndKeepsItsSettings() {
        RateLimiter limiter = limiter(1, Duration.ZERO);
        RateLimiterConfig before = limiter.config();

        boolean applied = limiter.reconfigure(RateLimiterConfig.builder().limitForPeriod(9)
                .limitRefreshPeriod(PERIOD.multipliedBy(2)).timeoutDuration(Duration.ZERO).build());

        assertThat(applied).isFalse();
        assertThat(limiter.config()).isEqualTo(before);
    }

    @Test
    void createsALimiterOnTheGivenClock() {
        RateLimiter limiter = RateLimiter.create("api", config(1, Duration.ZERO), clock);
        limiter.acquirePermission();

        clock.advance(PERIOD);

        assertThat(limiter.name()).isEqualTo("api");
        assertThat(limiter.acquirePermission()).isTrue();
    }

    @Test
    void waitsForTheNextPeriodOnTheSystemClockByParking() {
        RateLimiter limiter = RateLimiter.create("real", RateLimiterConfig.builder().limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofMillis(2)).timeoutDuration(Duration.ofSeconds(10)).build(),
                NanoClock.SYSTEM);
        limiter.acquirePermission();

        assertThat(limiter.acquirePermission()).isTrue();
        assertThat(limiter.rejectedCalls()).isZero();
    }

    @Test
    void takingAnAvailablePermissionAllocatesNothing() {
        RateLimiter limiter = limiter(1_000_000, Duration.ZERO);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            limiter.acquirePermission();
        }
        clock.advance(PERIOD);
        long thread = Thread.currentThread().getId();

        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            limiter.acquirePermission();
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(allocated).as("bytes allocated by 100,000 permitted calls").isLessThan(1_000);
    }
}
