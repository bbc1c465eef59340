package dev.bulwark.policies.retry.internal;

import dev.bulwark.policies.retry.Retry;
import dev.bulwark.policies.retry.RetryConfig;
import dev.bulwark.policies.retry.RetryMetrics;
import dev.bulwark.policies.time.NanoClock;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * A {@link Retry} whose settings are one immutable object swapped whole on reconfiguration, with a
 * {@link RetryBudget} that outlives reconfigurations.
 */
public final class BudgetedRetry implements Retry, RetryMetrics {
    // Non-capturing, so it is one shared instance and asking it for a number allocates nothing.
    private static final DoubleSupplier THREAD_LOCAL_RANDOM = () -> ThreadLocalRandom.current().nextDouble();

    private final String name;
    private final NanoClock clock;
    private final DoubleSupplier random;
    private final RetryBudget budget;
    private volatile Settings settings;

    private final LongAdder successfulWithoutRetry = new LongAdder();
    private final LongAdder successfulWithRetry = new LongAdder();
    private final LongAdder failedWithoutRetry = new LongAdder();
    private final LongAdder failedWithRetry = new LongAdder();
    private final LongAdder retryAttempts = new LongAdder();
    private final LongAdder refusedByBudget = new LongAdder();

    /**
     * @param name what operators know it by
     * @param config its settings
     * @param clock the clock the budget's window moves on
     */
    public BudgetedRetry(String name, RetryConfig config, NanoClock clock) {
        this(name, config, clock, THREAD_LOCAL_RANDOM);
    }

    /**
     * @param name what operators know it by
     * @param config its settings
     * @param clock the clock the budget's window moves on
     * @param random uniform numbers in {@code [0, 1)} for the jitter; tests pass fixed ones
     */
    public BudgetedRetry(String name, RetryConfig config, NanoClock clock, DoubleSupplier random) {
        this.name = name;
        this.clock = clock;
        this.random = random;
        this.settings = new Settings(config);
        this.budget = new RetryBudget(config.budget(), clock);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RetryConfig config() {
        return settings.config;
    }

    @Override
    public RetryMetrics metrics() {
        return this;
    }

    @Override
    public void onCallStarted() {
        budget.onFirstAttempt(clock.nanoTime());
    }

    @Override
    public void onCallStarted(long nowNanos) {
        budget.onFirstAttempt(nowNanos);
    }

    @Override
    public long nextAttemptWaitNanos(int attemptsMade, Throwable errorOrNull) {
        Settings current = settings;
        if (attemptsMade >= current.config.maxAttempts()) {
            return NO_RETRY;
        }
        if (errorOrNull != null && !current.classifier.isRetryable(errorOrNull)) {
            return NO_RETRY;
        }
        // Asked last, so that only retries that would otherwise happen use up the budget.
        if (!budget.tryAcquireRetry()) {
            refusedByBudget.increment();
            return NO_RETRY;
        }
        retryAttempts.increment();
        return current.backoff.waitNanos(Math.max(attemptsMade, 1), random.getAsDouble());
    }

    @Override
    public void onCallFinished(int attemptsMade, boolean succeeded) {
        boolean retried = attemptsMade > 1;
        if (succeeded) {
            (retried ? successfulWithRetry : successfulWithoutRetry).increment();
        } else {
            (retried ? failedWithRetry : failedWithoutRetry).increment();
        }
    }

    @Override
    public boolean reconfigure(RetryConfig config) {
        settings = new Settings(config);
        budget.reconfigure(config.budget());
        return true;
    }

    /** @return retries the budget counts in its window now */
    public long retriesInBudgetWindow() {
        return budget.retriesInWindow();
    }

    @Override
    public long successfulCallsWithoutRetryAttempt() {
        return successfulWithoutRetry.sum();
    }

    @Override
    public long successfulCallsWithRetryAttempt() {
        return successfulWithRetry.sum();
    }

    @Override
    public long failedCallsWithoutRetryAttempt() {
        return failedWithoutRetry.sum();
    }

    @Override
    public long failedCallsWithRetryAttempt() {
        return failedWithRetry.sum();
    }

    @Override
    public long retryAttempts() {
        return retryAttempts.sum();
    }

    @Override
    public long retriesRefusedByBudget() {
        return refusedByBudget.sum();
    }

    private static final class Settings {
        final RetryConfig config;
        final Backoff backoff;
        final ExceptionClassifier classifier;

        Settings(RetryConfig config) {
            this.config = config;
            this.backoff = new Backoff(config);
            this.classifier = new ExceptionClassifier(config.retryExceptions(), config.ignoreExceptions());
        }
    }
}
