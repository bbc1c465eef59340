package dev.bulwark.agent.policyfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which kinds a policy has, and how each block is merged with {@code defaults} and the built-in defaults. */
class PolicyKindsTest {
    private final PolicyFileParser parser = new PolicyFileParser();

    @TempDir
    Path folder;

    @Test
    void aPolicyWithoutAnyKindGetsACircuitBreakerWithDefaults() throws Exception {
        PolicyDefinition policy = onlyPolicy("{}", "");

        assertThat(policy.kinds()).containsExactly(PolicyKind.CIRCUIT_BREAKER);
        assertThat(policy.circuitBreaker()).isEqualTo(CircuitBreakerSettings.BUILT_IN.withDefaults(
                new CircuitBreakerSettings(null, null, 100, null, null, null, null, null, null, null, null, null)));
    }

    @Test
    void aPolicyWithAnyKindGetsOnlyTheKindsItNames() throws Exception {
        assertThat(onlyPolicy("{}", "\"retry\": {}").kinds()).containsExactly(PolicyKind.RETRY);
        assertThat(onlyPolicy("{}", "\"fallback\": { \"value\": 0 }").kinds()).containsExactly(PolicyKind.FALLBACK);
        assertThat(onlyPolicy("{}", "\"timeout\": {}, \"bulkhead\": {}, \"rateLimiter\": {}").kinds())
                .containsExactly(PolicyKind.BULKHEAD, PolicyKind.RATE_LIMITER, PolicyKind.TIMEOUT);
    }

    @Test
    void failWhenAloneIsNotAKindSoThePolicyStillGetsACircuitBreaker() throws Exception {
        PolicyDefinition policy = onlyPolicy("{}", "\"failWhen\": { \"httpStatus\": [\"5xx\", 429] }");

        assertThat(policy.kinds()).containsExactly(PolicyKind.CIRCUIT_BREAKER);
        assertThat(policy.failWhen().failsOnHttpStatus(503)).isTrue();
        assertThat(policy.failWhen().failsOnHttpStatus(429)).isTrue();
        assertThat(policy.failWhen().failsOnHttpStatus(404)).isFalse();
    }

    @Test
    void defaultsNeverAddAKindToAPolicy() throws Exception {
        PolicyDefinition policy = onlyPolicy("""
                { "bulkhead": { "maxConcurrentCalls": 5 }, "retry": { "maxAttempts": 5 }, "timeout": { "duration": "1s" } }
                """, "\"rateLimiter\": {}");

        assertThat(policy.kinds()).containsExactly(PolicyKind.RATE_LIMITER);
        assertThat(policy.bulkhead()).isNull();
        assertThat(policy.retry()).isNull();
        assertThat(policy.timeout()).isNull();
    }

    @Test
    void aKeyLeftOutComesFromDefaultsThenFromTheBuiltInDefault() throws Exception {
        PolicyDefinition policy = onlyPolicy("""
                { "bulkhead": { "maxWaitDuration": "10ms" }, "rateLimiter": { "limitForPeriod": 7 } }
                """, "\"bulkhead\": { \"maxConcurrentCalls\": 3 }, \"rateLimiter\": { \"limitForPeriod\": 9 }");

        assertThat(policy.bulkhead()).isEqualTo(new BulkheadSettings(3, Duration.ofMillis(10)));
        assertThat(policy.rateLimiter()).isEqualTo(new RateLimiterSettings(9, Duration.ofSeconds(1),
                Duration.ofSeconds(5)));
    }

    @Test
    void anEmptyBlockTakesEveryBuiltInDefault() throws Exception {
        PolicyDefinition policy = onlyPolicy("{}", """
                "bulkhead": {}, "rateLimiter": {}, "retry": {}, "fallback": { "cached": {} }""");

        assertThat(policy.bulkhead()).isEqualTo(new BulkheadSettings(25, Duration.ZERO));
        assertThat(policy.rateLimiter()).isEqualTo(new RateLimiterSettings(50, Duration.ofSeconds(1),
                Duration.ofSeconds(5)));
        assertThat(policy.retry()).isEqualTo(new RetrySettings(3, Duration.ofMillis(500), 1.0,
                Duration.ofSeconds(30), 1.0, List.of(), List.of(), new RetryBudgetSettings(0.2, 10)));
        assertThat(policy.fallback().cached()).isEqualTo(new CachedFallbackSettings(Duration.ofMinutes(5), 1000));
    }

    @Test
    void theRetryBudgetIsMergedKeyByKey() throws Exception {
        PolicyDefinition policy = onlyPolicy("""
                { "retry": { "maxAttempts": 4, "budget": { "maxRetryRatio": 0.5 } } }
                """, "\"retry\": { \"budget\": { \"minRetriesPerSecond\": 1 } }");

        assertThat(policy.retry().maxAttempts()).isEqualTo(4);
        assertThat(policy.retry().budget()).isEqualTo(new RetryBudgetSettings(0.5, 1));
    }

    @Test
    void aTimeoutThatNamesAFormReplacesTheDefaultTimeoutEntirely() throws Exception {
        PolicyDefinition policy = onlyPolicy("""
                { "timeout": { "adaptive": { "multiplier": 3, "samples": 50 } } }
                """, "\"timeout\": { \"adaptive\": { \"percentile\": 99 } }");

        assertThat(policy.timeout().adaptive()).isEqualTo(new AdaptiveTimeoutSettings(99.0, 1.5,
                Duration.ofMillis(50), Duration.ofSeconds(10), 1000));
        assertThat(onlyPolicy("{ \"timeout\": { \"adaptive\": {} } }", "\"timeout\": { \"duration\": \"3s\" }")
                .timeout()).isEqualTo(new TimeoutSettings(Duration.ofSeconds(3), null));
    }

    @Test
    void anEmptyTimeoutTakesTheDefaultTimeoutElseAFixedSecond() throws Exception {
        assertThat(onlyPolicy("{ \"timeout\": { \"duration\": \"250ms\" } }", "\"timeout\": {}").timeout())
                .isEqualTo(new TimeoutSettings(Duration.ofMillis(250), null));
        assertThat(onlyPolicy("{}", "\"timeout\": {}").timeout())
                .isEqualTo(new TimeoutSettings(Duration.ofSeconds(1), null));
    }

    @Test
    void modeComesFromThePolicyThenFromDefaultsThenIsEnforce() throws Exception {
        assertThat(onlyPolicy("{}", "").mode()).isEqualTo(PolicyMode.ENFORCE);
        assertThat(onlyPolicy("{ \"mode\": \"observe\" }", "").mode()).isEqualTo(PolicyMode.OBSERVE);
        assertThat(onlyPolicy("{ \"mode\": \"observe\" }", "\"mode\": \"enforce\"").mode())
                .isEqualTo(PolicyMode.ENFORCE);
    }

    @Test
    void aFallbackValueOfNullMeansReturnNull() throws Exception {
        PolicyDefinition policy = onlyPolicy("{}", "\"fallback\": { \"value\": null }");

        assertThat(policy.fallback().value().isNull()).isTrue();
        assertThat(policy.fallback().throwing()).isNull();
        assertThat(policy.fallback().cached()).isNull();
    }

    @Test
    void aFallbackValueNoReturnTypeCanTakeIsAnError() throws IOException {
        assertError("{}", "\"fallback\": { \"value\": { \"items\": [null], \"next\": null } }",
                "policies[0].fallback: \"value\" may be null, a boolean, a number, a string, [] or {}; "
                        + "a non-empty array or object is not allowed");
    }

    @Test
    void nullIsStillRefusedEverywhereElseInAFallback() throws IOException {
        assertError("{}", "\"fallback\": { \"throw\": null }",
                "policies[0].fallback.throw: null is not allowed; leave the key out to take its default");
        assertError("{}", "\"fallback\": { \"cached\": { \"ttl\": null } }",
                "policies[0].fallback.cached.ttl: null is not allowed");
        assertError("{}", "\"fallback\": null", "policies[0].fallback: null is not allowed");
    }

    @Test
    void wholeNumbersAreFineWhereAnyNumberIsAllowed() throws Exception {
        PolicyDefinition policy = onlyPolicy("{}", """
                "timeout": { "adaptive": { "percentile": 95, "multiplier": 2 } },
                "retry": { "exponentialBackoffMultiplier": 3, "randomizedWaitFactor": 0, "budget": { "maxRetryRatio": 1 } }""");

        assertThat(policy.timeout().adaptive().percentile()).isEqualTo(95.0);
        assertThat(policy.timeout().adaptive().multiplier()).isEqualTo(2.0);
        assertThat(policy.retry().exponentialBackoffMultiplier()).isEqualTo(3.0);
        assertThat(policy.retry().randomizedWaitFactor()).isZero();
        assertThat(policy.retry().budget().maxRetryRatio()).isEqualTo(1.0);
    }

    @Test
    void aTimeBasedWindowMayNeedMoreCallsThanItHasSeconds() throws Exception {
        CircuitBreakerSettings breaker = onlyPolicy("{}", """
                "circuitBreaker": { "slidingWindowType": "TIME_BASED", "slidingWindowSize": 10, "minimumNumberOfCalls": 500 }""")
                .circuitBreaker();

        assertThat(breaker.slidingWindowSize()).isEqualTo(10);
        assertThat(breaker.minimumNumberOfCalls()).isEqualTo(500);
    }

    @Test
    void theDefaultMinimumIsCappedAtACountBasedWindowButNotAtATimeBasedOne() throws Exception {
        assertThat(onlyPolicy("{}", "\"circuitBreaker\": { \"slidingWindowSize\": 20 }").circuitBreaker()
                .minimumNumberOfCalls()).isEqualTo(20);
        assertThat(onlyPolicy("{}", "\"circuitBreaker\": { \"slidingWindowType\": \"TIME_BASED\", "
                + "\"slidingWindowSize\": 20 }").circuitBreaker().minimumNumberOfCalls()).isEqualTo(100);
    }

    @Test
    void aMinimumAboveTheDefaultWindowIsAnError() throws IOException {
        assertError("{}", "\"circuitBreaker\": { \"minimumNumberOfCalls\": 150 }",
                "policies[0].circuitBreaker, with defaults applied: minimumNumberOfCalls (150) must not exceed "
                        + "slidingWindowSize (100)");
    }

    @Test
    void aConflictInTheBreakerAPolicyGetsWithoutWritingOneIsPlacedAtThePolicy() throws IOException {
        Path file = write("""
                { "version": 1, "defaults": { "circuitBreaker": { "minimumNumberOfCalls": 150 } },
                  "policies": [ { "name": "a", "methods": ["a.B#c()"] } ] }
                """);

        assertThatThrownBy(() -> parser.parse(file)).hasMessage(file + ":2:17: policies[0].circuitBreaker, with "
                + "defaults applied: minimumNumberOfCalls (150) must not exceed slidingWindowSize (100)");
    }

    @Test
    void aPolicysWindowTypeOverridesTheDefaultOneBeforeTheMinimumIsChecked() throws IOException {
        Path file = write("""
                { "version": 1, "defaults": { "circuitBreaker": { "slidingWindowType": "TIME_BASED", "slidingWindowSize": 60 } },
                  "policies": [ { "name": "a", "methods": ["a.B#c()"], "circuitBreaker": { "slidingWindowType": "COUNT_BASED", "minimumNumberOfCalls": 100 } } ] }
                """);

        assertThatThrownBy(() -> parser.parse(file)).hasMessage(file + ":2:56: policies[0].circuitBreaker, with "
                + "defaults applied: minimumNumberOfCalls (100) must not exceed slidingWindowSize (60)");
    }

    @Test
    void everyMergedBlockOfEveryPolicyIsCheckedAndReported() throws IOException {
        Path file = write("""
                { "version": 1, "defaults": { "retry": { "waitDuration": "40s", "exponentialBackoffMultiplier": 2 },
                                              "timeout": { "adaptive": { "min": "20s" } } },
                  "policies": [ { "name": "a", "methods": ["a.B#c()"], "retry": {} },
                                { "name": "b", "methods": ["a.B#c()"], "timeout": {} } ] }
                """);

        assertThatThrownBy(() -> parser.parse(file)).hasMessage(String.join("\n",
                file + ":3:56: policies[0].retry, with defaults applied: exponentialMaxWaitDuration (30s) must be at "
                        + "least waitDuration (40s) when exponentialBackoffMultiplier is above 1, was 2",
                file + ":4:56: policies[1].timeout, with defaults applied: min (20s) must not exceed max (10s)"));
    }

    @Test
    void aPolicyWithoutABreakerHasNoBreakerConfig() throws Exception {
        PolicyDefinition policy = onlyPolicy("{}", "\"bulkhead\": {}");

        assertThatThrownBy(policy::circuitBreakerConfig).isInstanceOf(IllegalStateException.class)
                .hasMessage("policy 'a' has no circuit breaker");
    }

    @Test
    void classNamesMayNameNestedTypesButNotWildcardsOrSimpleNames() {
        assertThat(ClassNameText.check("com.acme.Client$Timeout")).isEqualTo("com.acme.Client$Timeout");
        assertThatThrownBy(() -> ClassNameText.check("java.io.*")).hasMessageContaining("without wildcards");
        assertThatThrownBy(() -> ClassNameText.check("IOException")).hasMessageContaining("fully qualified");
        assertThatThrownBy(() -> ClassNameText.check("java..io.IOException")).hasMessageContaining("fully qualified");
    }

    private PolicyDefinition onlyPolicy(String defaults, String blocks) throws Exception {
        PolicyFile file = parser.parse(write(policyFile(defaults, blocks)));
        assertThat(file.policies()).hasSize(1);
        return file.policies().get(0);
    }

    private void assertError(String defaults, String blocks, String expected) throws IOException {
        Path file = write(policyFile(defaults, blocks));

        assertThatThrownBy(() -> parser.parse(file)).isInstanceOf(PolicyFileException.class)
                .hasMessageContaining(expected);
    }

    private static String policyFile(String defaults, String blocks) {
        return "{ \"version\": 1, \"defaults\": " + defaults.strip() + ", \"policies\": [ { \"name\": \"a\", "
                + "\"methods\": [\"a.B#c()\"]" + (blocks.isEmpty() ? "" : ", " + blocks) + " } ] }";
    }

    private Path write(String json) throws IOException {
        return Files.writeString(Files.createTempFile(folder, "policies", ".json"), json);
    }
}
