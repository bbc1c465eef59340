package dev.bulwark.agent.reload;

import dev.bulwark.agent.policyfile.FailWhenSettings;
import dev.bulwark.agent.policyfile.FallbackSettings;
import dev.bulwark.agent.policyfile.PolicyDefinition;
import dev.bulwark.agent.policyfile.PolicyMode;
import dev.bulwark.policies.bulkhead.Bulkhead;
import dev.bulwark.policies.bulkhead.BulkheadConfig;
import dev.bulwark.policies.circuitbreaker.CircuitBreaker;
import dev.bulwark.policies.circuitbreaker.CircuitBreakerConfig;
import dev.bulwark.policies.ratelimiter.RateLimiter;
import dev.bulwark.policies.ratelimiter.RateLimiterConfig;
import dev.bulwark.policies.retry.Retry;
import dev.bulwark.policies.retry.RetryConfig;
import dev.bulwark.policies.time.NanoClock;
import dev.bulwark.policies.timeout.Timeout;
import dev.bulwark.policies.timeout.TimeoutConfig;
import dev.bulwark.runtime.fallback.CachedFallback;
import dev.bulwark.runtime.fallback.Fallback;
import dev.bulwark.runtime.fallback.ThrowingFallback;
import dev.bulwark.runtime.fallback.ValueFallback;
import dev.bulwark.runtime.guard.Guard;
import dev.bulwark.runtime.guard.Mode;
import dev.bulwark.runtime.log.StateTransitionLog;
import dev.bulwark.runtime.outcome.HttpStatusClassifier;
import dev.bulwark.runtime.outcome.ResultClassifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Builds the guard of a policy from its definition. A kind the guard it replaces already has keeps its instance,
 * and so its state (a breaker's window, a retry budget, an adaptive timeout's latencies), when that instance can take
 * the new settings in place; otherwise it starts afresh.
 */
final class GuardAssembler {
    private static final StateTransitionLog TRANSITION_LOG = new StateTransitionLog();

    private GuardAssembler() {
    }

    /**
     * @param policy a merged policy from the policy file
     * @param running the guard in force for the policy, or {@code null}
     * @return the policy's new guard
     */
    static Guard assemble(PolicyDefinition policy, Guard running) {
        String name = policy.name();
        boolean observing = policy.mode() == PolicyMode.OBSERVE;
        Guard.Builder builder = Guard.builder(name).mode(observing ? Mode.OBSERVE : Mode.ENFORCE)
                .releasesDroppedResults(!Boolean.FALSE.equals(policy.releaseDroppedResults()));
        if (running != null) {
            builder.succeeding(running);
        }
        if (policy.circuitBreaker() != null) {
            builder.circuitBreaker(keepOrCreate(policy.circuitBreaker().toConfig(),
                    running == null ? null : running.circuitBreaker(), CircuitBreaker::config,
                    CircuitBreaker::reconfigure,
                    config -> CircuitBreaker.create(name, config, NanoClock.SYSTEM, TRANSITION_LOG)));
        }
        if (policy.bulkhead() != null) {
            BulkheadConfig written = policy.bulkhead().toConfig();
            // Observing never waits: a call that would have waited for a place counts as one it would have refused.
            BulkheadConfig effective = observing ? new BulkheadConfig(written.maxConcurrentCalls(), Duration.ZERO)
                    : written;
            builder.bulkhead(keepOrCreate(effective, running == null ? null : running.bulkhead(),
                    Bulkhead::config, Bulkhead::reconfigure, config -> Bulkhead.create(name, config)));
        }
        if (policy.rateLimiter() != null) {
            RateLimiterConfig written = policy.rateLimiter().toConfig();
            RateLimiterConfig effective = observing ? new RateLimiterConfig(written.limitForPeriod(),
                    written.limitRefreshPeriod(), Duration.ZERO) : written;
            builder.rateLimiter(keepOrCreate(effective,
                    running == null ? null : running.rateLimiter(), RateLimiter::config, RateLimiter::reconfigure,
                    config -> RateLimiter.create(name, config, NanoClock.SYSTEM)));
        }
        if (policy.timeout() != null) {
            builder.timeout(keepOrCreate(policy.timeout().toConfig(), running == null ? null : running.timeout(),
                    Timeout::config, Timeout::reconfigure, config -> Timeout.create(name, config)));
        }
        if (policy.retry() != null) {
            builder.retry(keepOrCreate(policy.retry().toConfig(), running == null ? null : running.retry(),
                    Retry::config, Retry::reconfigure, config -> Retry.create(name, config, NanoClock.SYSTEM)));
        }
        if (policy.fallback() != null) {
            builder.fallback(fallbackOf(policy.fallback()));
        }
        if (policy.failWhen() != null) {
            builder.failWhen(classifierOf(policy.failWhen()));
        }
        return builder.build();
    }

    private static <K, C> K keepOrCreate(C config, K running, Function<K, C> configOf,
                                         BiPredicate<K, C> reconfigure, Function<C, K> create) {
        if (running != null && (configOf.apply(running).equals(config) || reconfigure.test(running, config))) {
            return running;
        }
        return create.apply(config);
    }

    /** Fallbacks are values: an equal one finds the conversions already made for each method. */
    private static Fallback fallbackOf(FallbackSettings settings) {
        if (settings.throwing() != null) {
            return new ThrowingFallback(settings.throwing());
        }
        if (settings.value() != null) {
            return new ValueFallback(settings.plainValue());
        }
        return new CachedFallback(settings.cached().ttl().toNanos(), settings.cached().maxEntries());
    }

    private static ResultClassifier classifierOf(FailWhenSettings settings) {
        List<Integer> statuses = new ArrayList<>();
        for (int status = 100; status <= 599; status++) {
            if (settings.failsOnHttpStatus(status)) {
                statuses.add(status);
            }
        }
        return new HttpStatusClassifier(statuses);
    }
}
