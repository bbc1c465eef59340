package dev.bulwark.policies.bulkhead.internal;

import dev.bulwark.policies.bulkhead.Bulkhead;
import dev.bulwark.policies.bulkhead.BulkheadConfig;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Bulkhead} that takes places with one compare-and-set on its thread's stripe of {@link StripedPermits}
 * and parks waiting calls on a lock's condition only when no place is free.
 *
 * <p>Why not a {@link java.util.concurrent.Semaphore}, as resilience4j uses: its permits are "limit minus
 * running" and forget the limit, so a surplus release raises the limit for good, and a live change of limit
 * needs {@code reducePermits}/{@code release} kept consistent by hand; and its one counter is a cache line that
 * every call changes twice, whichever core it runs on. Keeping each stripe's share of the limit beside its
 * running calls makes admission one CAS on a line the thread mostly has to itself, and a surplus completion
 * detectable. Waiting is rare and slow anyway, so it uses a {@link ReentrantLock} and {@link Condition}
 * ({@code synchronized} would pin virtual threads). Waiters are not served in order: a new call may take a freed
 * place first.
 */
public final class PermitCountingBulkhead implements Bulkhead {
    private final String name;
    private volatile BulkheadConfig config;
    private final StripedPermits permits;
    private final LongAdder rejected = new LongAdder();
    /** Calls parked or about to park; read by completions so that they take the lock only when someone waits. */
    private final AtomicInteger waiters = new AtomicInteger();
    private final ReentrantLock waitLock = new ReentrantLock();
    private final Condition placeFreed = waitLock.newCondition();

    /**
     * @param name what operators know it by
     * @param config its settings
     */
    public PermitCountingBulkhead(String name, BulkheadConfig config) {
        this.name = name;
        this.config = config;
        this.permits = new StripedPermits(config.maxConcurrentCalls());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BulkheadConfig config() {
        return config;
    }

    @Override
    public boolean tryAcquirePermission() {
        if (permits.tryTake()) {
            return true;
        }
        long waitNanos = config.maxWaitDuration().toNanos();
        if (waitNanos > 0 && waitForPlace(waitNanos)) {
            return true;
        }
        rejected.increment();
        return false;
    }

    private boolean waitForPlace(long waitNanos) {
        long remaining = waitNanos;
        boolean admitted = false;
        waitLock.lock();
        try {
            // Counted before the last try, under the lock: a completion that misses this count happened before
            // the try and left its place for it; one that sees it signals only once this thread has parked.
            waiters.incrementAndGet();
            while (!Thread.currentThread().isInterrupted()) {
                if (permits.tryTake()) {
                    admitted = true;
                    break;
                }
                if (remaining <= 0) {
                    break;
                }
                remaining = placeFreed.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            int stillWaiting = waiters.decrementAndGet();
            // A signal this thread received but did not use (it timed out or was interrupted as it came) would
            // otherwise be lost while a place stands free and others wait.
            if (!admitted && stillWaiting > 0 && permits.available() > 0) {
                placeFreed.signal();
            }
            waitLock.unlock();
        }
        return admitted;
    }

    @Override
    public void onComplete() {
        if (permits.giveBack() && waiters.get() > 0) {
            waitLock.lock();
            try {
                placeFreed.signal();
            } finally {
                waitLock.unlock();
            }
        }
    }

    @Override
    public int availableConcurrentCalls() {
        return permits.available();
    }

    @Override
    public int maxAllowedConcurrentCalls() {
        return permits.limit();
    }

    @Override
    public long rejectedCalls() {
        return rejected.sum();
    }

    @Override
    public boolean reconfigure(BulkheadConfig next) {
        // Under the wait lock so that concurrent changes leave config and limit from the same call, and so that
        // the wake-up reaches every thread that parked under the old limit.
        waitLock.lock();
        try {
            config = next;
            int newLimit = next.maxConcurrentCalls();
            if (permits.setLimit(newLimit) < newLimit) {
                placeFreed.signalAll();
            }
        } finally {
            waitLock.unlock();
        }
        return true;
    }
}
