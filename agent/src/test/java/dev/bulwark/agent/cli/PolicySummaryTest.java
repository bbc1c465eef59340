package dev.bulwark.agent.cli;

import dev.bulwark.agent.policyfile.PolicyDefinition;
import dev.bulwark.agent.policyfile.PolicyFileParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PolicySummaryTest {
    @TempDir
    Path folder;

    @Test
    void aPolicyWithoutKindsIsSummarisedAsTheBreakerItGets() throws Exception {
        assertThat(PolicySummary.of(policy("{}", ""))).isEqualTo("circuit breaker opens at 50% failures over the "
                + "last 100 calls (counted from 100), stays open 60000 ms, then tries 10 calls");
    }

    @Test
    void everyKindIsSummarisedWithDefaultsMergedIn() throws Exception {
        PolicyDefinition policy = policy("{ \"mode\": \"observe\", \"retry\": { \"maxAttempts\": 5 } }", """
                "circuitBreaker": { "slidingWindowType": "TIME_BASED", "slidingWindowSize": 30 },
                "bulkhead": { "maxConcurrentCalls": 4 }, "rateLimiter": {}, "timeout": { "duration": "2s" },
                "retry": { "exponentialBackoffMultiplier": 2 }, "fallback": { "throw": "com.acme.Unavailable" },
                "failWhen": { "httpStatus": ["5xx", 429] }""");

        assertThat(PolicySummary.of(policy)).isEqualTo("observe only; circuit breaker opens at 50% failures over "
                + "the last 30 seconds (counted from 100), stays open 60000 ms, then tries 10 calls; bulkhead of 4 "
                + "calls, waiting up to 0ms; rate limit of 50 calls per 1s, waiting up to 5s; timeout 2s; retry up to "
                + "5 attempts, waiting 500ms x 2 up to 30s, retries at most 0.2 per call + 10/s; falls back to "
                + "throwing com.acme.Unavailable; fails on HTTP 5xx, 429");
    }

    @Test
    void aPolicyThatLeavesDroppedResultsOpenSaysSo() throws Exception {
        assertThat(PolicySummary.of(policy("{ \"releaseDroppedResults\": false }", "\"timeout\": {}")))
                .isEqualTo("timeout 1s; leaves the results it keeps from callers open");
        assertThat(PolicySummary.of(policy("{}", "\"timeout\": {}"))).isEqualTo("timeout 1s");
    }

    @Test
    void adaptiveTimeoutsAndValueAndCachedFallbacksAreSummarised() throws Exception {
        assertThat(PolicySummary.of(policy("{}", "\"timeout\": { \"adaptive\": {} }, \"fallback\": { \"value\": null }")))
                .isEqualTo("adaptive timeout p95 x 1.5 of the last 1000 calls, 50ms to 10s; falls back to returning null");
        assertThat(PolicySummary.of(policy("{}", "\"fallback\": { \"cached\": {} }")))
                .isEqualTo("falls back to the last result up to 5m old");
    }

    private PolicyDefinition policy(String defaults, String blocks) throws Exception {
        Path file = Files.writeString(folder.resolve("policies.json"), "{ \"version\": 1, \"defaults\": " + defaults
                + ", \"policies\": [ { \"name\": \"a\", \"methods\": [\"a.B#c()\"]"
                + (blocks.isEmpty() ? "" : ", " + blocks) + " } ] }");
        return new PolicyFileParser().parse(file).policies().get(0);
    }
}
