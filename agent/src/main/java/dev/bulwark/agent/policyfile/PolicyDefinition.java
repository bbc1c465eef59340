package dev.bulwark.agent.policyfile;

import dev.bulwark.agent.matching.MethodPattern;
import dev.bulwark.policies.circuitbreaker.CircuitBreakerConfig;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One policy of the policy file: which methods it guards and how. A kind applies when its block is there; a
 * policy with no kind at all gets a circuit breaker. In a {@link PolicyFile} the parser returns, every block is
 * merged with {@code defaults} and complete: no key of a block that is there is {@code null}.
 *
 * @param name letters, digits, {@code .}, {@code _} and {@code -}: it becomes an MBean name
 * @param methods method patterns, at least one
 * @param mode {@code enforce} or {@code observe}; once merged, the policy's, else {@code defaults}', else enforce
 * @param circuitBreaker the breaker's settings; {@code null} when the policy has none
 * @param bulkhead the bulkhead's settings; {@code null} when the policy has none
 * @param rateLimiter the rate limiter's settings; {@code null} when the policy has none
 * @param timeout the timeout's settings; {@code null} when the policy has none
 * @param retry the retry's settings; {@code null} when the policy has none
 * @param fallback the fallback; {@code null} when the policy has none
 * @param failWhen which returned outcomes count as failures; {@code null} when the policy has none
 * @param releaseDroppedResults whether a JDBC resource or an HTTP response body the policy keeps from the caller (a
 *                              result past the deadline, before a retry, replaced by a fallback) is closed; once
 *                              merged, the policy's, else {@code defaults}', else {@code true}
 */
public record PolicyDefinition(String name, List<MethodPattern> methods, PolicyMode mode,
                               CircuitBreakerSettings circuitBreaker, BulkheadSettings bulkhead,
                               RateLimiterSettings rateLimiter, TimeoutSettings timeout, RetrySettings retry,
                               FallbackSettings fallback, FailWhenSettings failWhen, Boolean releaseDroppedResults) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** What a policy name may hold, in words. */
    public static final String NAME_RULE = "letters, digits, '.', '_' or '-'";

    /**
     * @param name a candidate policy name
     * @return whether it is one: {@link #NAME_RULE}, so that it stands unquoted in an MBean's name
     */
    public static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * Checks the name and the methods as written, and gives a policy without any kind a circuit breaker, as files
     * written before the other kinds existed expect. A missing name or list is reported by
     * {@link #requireComplete()}, after the binder has reported unknown keys, which explain more.
     */
    public PolicyDefinition {
        if (name != null && !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("\"name\" must be " + NAME_RULE + ", was '" + name + "'");
        }
        if (methods != null && methods.isEmpty()) {
            throw new IllegalArgumentException("\"methods\" must list at least one method pattern");
        }
        methods = methods == null ? null : List.copyOf(methods);
        if (circuitBreaker == null && bulkhead == null && rateLimiter == null && timeout == null && retry == null
                && fallback == null) {
            circuitBreaker = CircuitBreakerSettings.NONE;
        }
    }

    /**
     * @throws IllegalArgumentException when {@code name} or {@code methods} is missing, or (naming the block) when
     *     {@code fallback} gives no form or {@code failWhen} no {@code httpStatus}
     */
    void requireComplete() {
        if (name == null) {
            throw new IllegalArgumentException("\"name\" is missing; give the policy a name of letters, digits, '.', "
                    + "'_' or '-'");
        }
        if (methods == null) {
            throw new IllegalArgumentException("\"methods\" is missing; list at least one method pattern");
        }
        if (fallback != null && !fallback.hasForm()) {
            throw new BlockSettingsException(PolicyKind.FALLBACK.key(), FallbackSettings.ONE_FORM + ", found none");
        }
        if (failWhen != null && failWhen.httpStatus() == null) {
            throw new BlockSettingsException("failWhen", FailWhenSettings.HTTP_STATUS_REQUIRED);
        }
    }

    /** @return what advising this policy's methods needs to know of it */
    public PolicyMethods advisedMethods() {
        return new PolicyMethods(name, methods, fallback != null && fallback.cached() != null, retry != null,
                fallback);
    }

    /** @return the kinds this policy applies, in the order of {@link PolicyKind} */
    public Set<PolicyKind> kinds() {
        Set<PolicyKind> kinds = EnumSet.noneOf(PolicyKind.class);
        addIf(kinds, circuitBreaker, PolicyKind.CIRCUIT_BREAKER);
        addIf(kinds, bulkhead, PolicyKind.BULKHEAD);
        addIf(kinds, rateLimiter, PolicyKind.RATE_LIMITER);
        addIf(kinds, timeout, PolicyKind.TIMEOUT);
        addIf(kinds, retry, PolicyKind.RETRY);
        addIf(kinds, fallback, PolicyKind.FALLBACK);
        return kinds;
    }

    /**
     * @param defaults the file's {@code defaults}
     * @return this policy with every key its blocks leave out taken from {@code defaults}, then the built-in
     *     defaults; no block is added
     * @throws IllegalArgumentException naming the block whose merged keys conflict
     */
    public PolicyDefinition withDefaults(PolicyDefaults defaults) {
        return new PolicyDefinition(name, methods, KeyMerge.or(KeyMerge.or(mode, defaults.mode()), PolicyMode.ENFORCE),
                merged(PolicyKind.CIRCUIT_BREAKER, circuitBreaker,
                        () -> circuitBreaker.withDefaults(defaults.circuitBreaker()).complete()),
                merged(PolicyKind.BULKHEAD, bulkhead, () -> bulkhead.withDefaults(defaults.bulkhead()).complete()),
                merged(PolicyKind.RATE_LIMITER, rateLimiter,
                        () -> rateLimiter.withDefaults(defaults.rateLimiter()).complete()),
                merged(PolicyKind.TIMEOUT, timeout, () -> timeout.withDefaults(defaults.timeout()).complete()),
                merged(PolicyKind.RETRY, retry, () -> retry.withDefaults(defaults.retry()).complete()),
                merged(PolicyKind.FALLBACK, fallback, () -> fallback.complete()),
                failWhen,
                KeyMerge.or(KeyMerge.or(releaseDroppedResults, defaults.releaseDroppedResults()), Boolean.TRUE));
    }

    /**
     * @return the breaker's validated settings, for the keys the breaker of the {@code policies} module knows
     * @throws IllegalStateException when the policy has no circuit breaker
     */
    public CircuitBreakerConfig circuitBreakerConfig() {
        if (circuitBreaker == null) {
            throw new IllegalStateException("policy '" + name + "' has no circuit breaker");
        }
        return circuitBreaker.toConfig();
    }

    private static <T> T merged(PolicyKind kind, T block, Supplier<T> merge) {
        if (block == null) {
            return null;
        }
        try {
            return merge.get();
        } catch (IllegalArgumentException e) {
            throw new BlockSettingsException(kind.key(), e.getMessage());
        }
    }

    private static void addIf(Set<PolicyKind> kinds, Object block, PolicyKind kind) {
        if (block != null) {
            kinds.add(kind);
        }
    }
}
