package dev.bulwark.agent.cli;

import dev.bulwark.agent.policyfile.AdaptiveTimeoutSettings;
import dev.bulwark.agent.policyfile.BulkheadSettings;
import dev.bulwark.agent.policyfile.CircuitBreakerSettings;
import dev.bulwark.agent.policyfile.DurationText;
import dev.bulwark.agent.policyfile.FallbackSettings;
import dev.bulwark.agent.policyfile.PolicyDefinition;
import dev.bulwark.agent.policyfile.PolicyMode;
import dev.bulwark.agent.policyfile.RateLimiterSettings;
import dev.bulwark.agent.policyfile.RetrySettings;
import dev.bulwark.agent.policyfile.SlidingWindowType;
import dev.bulwark.agent.policyfile.TimeoutSettings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a merged policy does, in one line of {@code validate}'s output: each kind it has with the numbers that
 * matter, so that a reviewer sees what {@code defaults} filled in.
 */
final class PolicySummary {

    private PolicySummary() {
    }

    static String of(PolicyDefinition policy) {
        List<String> parts = new ArrayList<>();
        if (policy.mode() == PolicyMode.OBSERVE) {
            parts.add("observe only");
        }
        if (policy.circuitBreaker() != null) {
            parts.add(breaker(policy.circuitBreaker()));
        }
        if (policy.bulkhead() != null) {
            parts.add(bulkhead(policy.bulkhead()));
        }
        if (policy.rateLimiter() != null) {
            parts.add(rateLimiter(policy.rateLimiter()));
        }
        if (policy.timeout() != null) {
            parts.add(timeout(policy.timeout()));
        }
        if (policy.retry() != null) {
            parts.add(retry(policy.retry()));
        }
        if (policy.fallback() != null) {
            parts.add(fallback(policy.fallback()));
        }
        if (policy.failWhen() != null) {
            parts.add("fails on HTTP " + policy.failWhen().httpStatus().stream().map(Object::toString)
                    .collect(Collectors.joining(", ")));
        }
        if (Boolean.FALSE.equals(policy.releaseDroppedResults())) {
            parts.add("leaves the results it keeps from callers open");
        }
        return String.join("; ", parts);
    }

    private static String breaker(CircuitBreakerSettings breaker) {
        String window = breaker.slidingWindowType() == SlidingWindowType.TIME_BASED
                ? breaker.slidingWindowSize() + " seconds" : breaker.slidingWindowSize() + " calls";
        return "circuit breaker opens at " + breaker.failureRateThreshold() + "% failures over the last " + window
                + " (counted from " + breaker.minimumNumberOfCalls() + "), stays open "
                + breaker.waitDurationInOpenState().toMillis() + " ms, then tries "
                + breaker.permittedNumberOfCallsInHalfOpenState() + " calls";
    }

    private static String bulkhead(BulkheadSettings bulkhead) {
        return "bulkhead of " + bulkhead.maxConcurrentCalls() + " calls, waiting up to "
                + DurationText.format(bulkhead.maxWaitDuration());
    }

    private static String rateLimiter(RateLimiterSettings limiter) {
        return "rate limit of " + limiter.limitForPeriod() + " calls per "
                + DurationText.format(limiter.limitRefreshPeriod()) + ", waiting up to "
                + DurationText.format(limiter.timeoutDuration());
    }

    private static String timeout(TimeoutSettings timeout) {
        if (!timeout.isAdaptive()) {
            return "timeout " + DurationText.format(timeout.duration());
        }
        AdaptiveTimeoutSettings adaptive = timeout.adaptive();
        return "adaptive timeout p" + plain(adaptive.percentile()) + " x " + plain(adaptive.multiplier())
                + " of the last " + adaptive.samples() + " calls, " + DurationText.format(adaptive.min()) + " to "
                + DurationText.format(adaptive.max());
    }

    private static String retry(RetrySettings retry) {
        return "retry up to " + retry.maxAttempts() + " attempts, waiting " + DurationText.format(retry.waitDuration())
                + (retry.exponentialBackoffMultiplier() > 1 ? " x " + plain(retry.exponentialBackoffMultiplier())
                        + " up to " + DurationText.format(retry.exponentialMaxWaitDuration()) : "")
                + ", retries at most " + plain(retry.budget().maxRetryRatio()) + " per call + "
                + retry.budget().minRetriesPerSecond() + "/s";
    }

    private static String fallback(FallbackSettings fallback) {
        if (fallback.throwing() != null) {
            return "falls back to throwing " + fallback.throwing();
        }
        if (fallback.cached() != null) {
            return "falls back to the last result up to " + DurationText.format(fallback.cached().ttl()) + " old";
        }
        return "falls back to returning " + fallback.value();
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
