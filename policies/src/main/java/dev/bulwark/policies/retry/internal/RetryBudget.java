package dev.bulwark.policies.retry.internal;

import dev.bulwark.policies.retry.RetryBudgetConfig;
import dev.bulwark.policies.time.NanoClock;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A sliding window of one-second buckets counting first attempts and granted retries, which grants a retry only
 * while the retries in the window stay under {@code ratio × first attempts + floor × window seconds}.
 *
 * <p>Lock-free. Retries are granted by compare-and-set on one running total, so concurrent callers can never
 * together exceed the bound; each bucket remembers its share so that it leaves the total when the bucket expires.
 * First attempts are counted with {@link LongAdder}s: at a second's boundary a racing count may land in the
 * wrong second or be lost, which moves the bound by a call or two and never past what was configured.
 */
public final class RetryBudget {
    private static final int BUCKETS = RetryBudgetConfig.WINDOW_SECONDS;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long UNUSED = Long.MIN_VALUE;

    private final NanoClock clock;
    private final long origin;
    private final Bucket[] buckets = new Bucket[BUCKETS];
    private final AtomicLong retriesInWindow = new AtomicLong();
    private volatile RetryBudgetConfig config;

    /**
     * @param config the ratio and floor
     * @param clock the clock the window moves on
     */
    public RetryBudget(RetryBudgetConfig config, NanoClock clock) {
        this.config = config;
        this.clock = clock;
        this.origin = clock.nanoTime();
        for (int i = 0; i < BUCKETS; i++) {
            buckets[i] = new Bucket();
        }
    }

    /** @param next the ratio and floor from the next decision on; the window is kept */
    public void reconfigure(RetryBudgetConfig next) {
        this.config = next;
    }

    /** @param nowNanos a reading of the budget's clock: counts a first attempt in that second */
    public void onFirstAttempt(long nowNanos) {
        current(secondOf(nowNanos)).firstAttempts.increment();
    }

    /** @return whether a retry may go ahead now; a granted retry is counted */
    public boolean tryAcquireRetry() {
        long second = second();
        expireOlderThan(second - BUCKETS + 1);
        Bucket current = current(second);
        long allowed = allowedRetries(second);
        for (;;) {
            long granted = retriesInWindow.get();
            if (granted >= allowed) {
                return false;
            }
            if (retriesInWindow.compareAndSet(granted, granted + 1)) {
                current.retries.incrementAndGet();
                return true;
            }
        }
    }

    /** @return retries counted in the window now, for tests and metrics */
    public long retriesInWindow() {
        expireOlderThan(second() - BUCKETS + 1);
        return retriesInWindow.get();
    }

    private long allowedRetries(long second) {
        long firstAttempts = 0;
        for (Bucket bucket : buckets) {
            long epoch = bucket.epoch.get();
            if (epoch != UNUSED && epoch > second - BUCKETS) {
                firstAttempts += bucket.firstAttempts.sum();
            }
        }
        RetryBudgetConfig budget = config;
        return (long) (budget.maxRetryRatio() * firstAttempts) + (long) budget.minRetriesPerSecond() * BUCKETS;
    }

    private long second() {
        return secondOf(clock.nanoTime());
    }

    private long secondOf(long nanos) {
        return Math.floorDiv(nanos - origin, NANOS_PER_SECOND);
    }

    private Bucket current(long second) {
        Bucket bucket = buckets[(int) Math.floorMod(second, (long) BUCKETS)];
        for (;;) {
            long epoch = bucket.epoch.get();
            // A later epoch means this caller read the clock a moment before another: counting into the later
            // second keeps the count a little longer, which only makes the budget stricter.
            if (epoch != UNUSED && epoch >= second) {
                return bucket;
            }
            if (epoch != UNUSED) {
                expire(bucket, epoch);
            } else if (bucket.epoch.compareAndSet(UNUSED, second)) {
                return bucket;
            }
        }
    }

    private void expireOlderThan(long oldestKept) {
        for (Bucket bucket : buckets) {
            long epoch = bucket.epoch.get();
            if (epoch != UNUSED && epoch < oldestKept) {
                expire(bucket, epoch);
            }
        }
    }

    // Only the thread that retires the epoch takes the bucket's retries out of the total, so each leaves it once.
    private void expire(Bucket bucket, long epoch) {
        if (bucket.epoch.compareAndSet(epoch, UNUSED)) {
            bucket.firstAttempts.reset();
            retriesInWindow.addAndGet(-bucket.retries.getAndSet(0));
        }
    }

    private static final class Bucket {
        final AtomicLong epoch = new AtomicLong(UNUSED);
        final LongAdder firstAttempts = new LongAdder();
        final AtomicLong retries = new AtomicLong();
    }
}
