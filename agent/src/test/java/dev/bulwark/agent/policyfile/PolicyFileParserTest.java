package dev.bulwark.agent.policyfile;

import dev.bulwark.policies.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyFileParserTest {
    private final PolicyFileParser parser = new PolicyFileParser();

    @TempDir
    Path folder;

    @Test
    void readsTheExampleOfTheReadme() throws Exception {
        PolicyFile file = parser.parse(write("""
                {
                  "version": 1,
                  "policies": [
                    {
                      "name": "orders-db",
                      "methods": ["javax.sql.DataSource#getConnection(..)"],
                      "circuitBreaker": {
                        "failureRateThreshold": 50,
                        "slidingWindowSize": 20,
                        "minimumNumberOfCalls": 10,
                        "waitDurationInOpenState": "10s",
                        "permittedNumberOfCallsInHalfOpenState": 3
                      }
                    },
                    {
                      "name": "inventory-api",
                      "methods": ["java.net.http.HttpClient#send(..)"],
                      "circuitBreaker": { "minimumNumberOfCalls": 5, "waitDurationInOpenState": "PT5S" }
                    }
                  ]
                }
                """));

        assertThat(file.policies()).extracting(PolicyDefinition::name).containsExactly("orders-db", "inventory-api");
        assertThat(file.policies().get(0).circuitBreakerConfig())
                .isEqualTo(new CircuitBreakerConfig(50, 20, 10, Duration.ofSeconds(10), 3));
        CircuitBreakerConfig inventory = file.policies().get(1).circuitBreakerConfig();
        assertThat(inventory.minimumNumberOfCalls()).isEqualTo(5);
        assertThat(inventory.waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(5));
        assertThat(inventory.slidingWindowSize()).isEqualTo(CircuitBreakerConfig.DEFAULT_SLIDING_WINDOW_SIZE);
    }

    @Test
    void omittedCircuitBreakerTakesResilience4jDefaults() throws Exception {
        PolicyFile file = parser.parse(write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["com.acme.A#a()"] } ] }
                """));

        assertThat(file.policies().get(0).circuitBreakerConfig()).isEqualTo(CircuitBreakerConfig.defaults());
    }

    @Test
    void unknownTopLevelKeyIsAnError() throws IOException {
        Path file = write("{ \"version\": 1, \"polices\": [] }");

        assertError(file, file + ":1:17: polices: unknown key \"polices\" (did you mean \"policies\"?); allowed keys: "
                + "defaults, policies, version");
    }

    @Test
    void unsupportedVersionIsAnError() throws IOException {
        Path file = write("{ \"version\": 2, \"policies\": [] }");

        assertError(file, file + ":1:32: \"version\" must be 1, was 2");
    }

    @Test
    void duplicatePolicyNamesAreAnError() throws IOException {
        Path file = write("""
                { "version": 1, "policies": [
                  { "name": "a", "methods": ["com.acme.A#a()"] },
                  { "name": "a", "methods": ["com.acme.B#b()"] } ] }
                """);

        assertError(file, "two policies are named 'a'; policy names must be distinct");
    }

    @Test
    void duplicateJsonKeysAreAnError() throws IOException {
        Path file = write("{ \"version\": 1, \"version\": 1, \"policies\": [] }");

        assertError(file, file + ":1:26: version: Duplicate field 'version'");
    }

    @Test
    void policyNameMustBeUsableAsAnMBeanName() throws IOException {
        Path file = write("""
                { "version": 1, "policies": [ { "name": "orders db", "methods": ["com.acme.A#a()"] } ] }
                """);

        assertError(file, "policies[0]: \"name\" must be letters, digits, '.', '_' or '-', was 'orders db'");
    }

    @Test
    void malformedMethodPatternSaysWhatIsExpected() throws IOException {
        Path file = write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["com.acme.A.a()"] } ] }
                """);

        assertError(file, file + ":1:58: policies[0].methods[0]: \"com.acme.A.a()\" is not a method pattern; "
                + "expected TYPE#METHOD(PARAMS)");
    }

    @Test
    void valuesOutOfRangeSayWhatIsAllowed() throws IOException {
        Path file = write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["com.acme.A#a()"],
                  "circuitBreaker": { "failureRateThreshold": 150 } } ] }
                """);

        assertError(file, "policies[0].circuitBreaker: failureRateThreshold must be between 1 and 100, was 150");
    }

    @Test
    void numbersMustBeWholeNumbersNotStringsOrFractions() throws IOException {
        assertError(write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["com.acme.A#a()"],
                  "circuitBreaker": { "slidingWindowSize": "20" } } ] }
                """), "policies[0].circuitBreaker.slidingWindowSize");
        assertError(write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["com.acme.A#a()"],
                  "circuitBreaker": { "slidingWindowSize": 20.5 } } ] }
                """), "policies[0].circuitBreaker.slidingWindowSize");
    }

    @Test
    void missingVersionOrPoliciesSayWhatIsExpected() throws IOException {
        assertError(write("{ \"policies\": [] }"), "\"version\" is missing; it must be 1");
        assertError(write("{ \"version\": 1 }"), "\"policies\" is missing");
    }

    @Test
    void explicitNullsAreErrorsNotDefaults() throws IOException {
        assertError(write("""
                { "version": 1, "policies": [ { "name": "a", "methods": [null] } ] }
                """), ":1:58: policies[0].methods[0]: null is not allowed; leave the key out to take its default");
        assertError(write("""
                { "version": 1, "policies": [ null ] }
                """), ":1:31: policies[0]: null is not allowed");
        assertError(write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["com.acme.A#a()"], "circuitBreaker": null } ] }
                """), "policies[0].circuitBreaker: null is not allowed");
    }

    @Test
    void waitInOpenStateMustBeBetweenOneMillisecondAndADay() throws IOException {
        assertError(write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["com.acme.A#a()"],
                  "circuitBreaker": { "waitDurationInOpenState": "3000000h" } } ] }
                """), "waitDurationInOpenState must be between 1ms and 24h");
        assertError(write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["com.acme.A#a()"],
                  "circuitBreaker": { "waitDurationInOpenState": "0ms" } } ] }
                """), "waitDurationInOpenState must be between 1ms and 24h");
    }

    @Test
    void aTypeMadeOnlyOfWildcardsIsRefused() throws IOException {
        assertError(write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["*#get*(..)"] } ] }
                """), "would match every class");
    }

    @Test
    void policiesTakeTheKeysTheyLeaveOutFromDefaults() throws Exception {
        PolicyFile file = parser.parse(write("""
                {
                  "version": 1,
                  "defaults": { "circuitBreaker": { "slidingWindowSize": 20, "waitDurationInOpenState": "5s" } },
                  "policies": [
                    { "name": "a", "methods": ["com.acme.A#a()"] },
                    { "name": "b", "methods": ["com.acme.B#b()"], "circuitBreaker": { "slidingWindowSize": 50 } }
                  ]
                }
                """));

        CircuitBreakerConfig a = file.policies().get(0).circuitBreakerConfig();
        CircuitBreakerConfig b = file.policies().get(1).circuitBreakerConfig();
        assertThat(a.slidingWindowSize()).isEqualTo(20);
        assertThat(a.waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.slidingWindowSize()).isEqualTo(50);
        assertThat(b.waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.failureRateThreshold()).isEqualTo(CircuitBreakerConfig.DEFAULT_FAILURE_RATE_THRESHOLD);
    }

    @Test
    void aMinimumLargerThanTheWindowIsAnErrorEvenWhenTheWindowComesFromDefaults() throws IOException {
        Path file = write("""
                {
                  "version": 1,
                  "defaults": { "circuitBreaker": { "slidingWindowSize": 20 } },
                  "policies": [
                    { "name": "a", "methods": ["com.acme.A#a()"],
                      "circuitBreaker": { "minimumNumberOfCalls": 50 } }
                  ]
                }
                """);

        assertError(file, file + ":6:7: policies[0].circuitBreaker, with defaults applied: minimumNumberOfCalls (50) "
                + "must not exceed slidingWindowSize (20)");
    }

    @Test
    void aMisspeltKeyGetsASuggestion() throws IOException {
        Path file = write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["com.acme.A#a()"],
                  "circuitBreaker": { "waitDurationInOpenStat": "1s" } } ] }
                """);

        assertError(file, "unknown key \"waitDurationInOpenStat\" (did you mean \"waitDurationInOpenState\"?); "
                + "allowed keys: automaticTransitionFromOpenToHalfOpenEnabled, failureRateThreshold");
    }

    @Test
    void deeplyNestedInputIsRefused() throws IOException {
        Path file = write("{ \"version\": 1, \"policies\": " + "[".repeat(100) + "]".repeat(100) + " }");

        assertError(file, "nesting depth");
    }

    @Test
    void mistakesInSeveralPoliciesAreReportedTogetherInFileOrder() throws IOException {
        Path file = write("""
                {
                  "version": 1,
                  "policies": [
                    { "name": "a", "methods": ["com.acme.A#a()"], "circuitBreaker": { "slidingWindowSize": 0 } },
                    { "name": "b", "methods": ["com.acme.B#b()"] },
                    { "name": "c", "method": ["com.acme.C#c()"] }
                  ]
                }
                """);

        assertThatThrownBy(() -> parser.parse(file))
                .hasMessage(file + ":4:51: policies[0].circuitBreaker: slidingWindowSize must be between 1 and 100000, was 0\n"
                        + file + ":6:20: policies[2].method: unknown key \"method\" (did you mean \"methods\"?); "
                        + "allowed keys: bulkhead, circuitBreaker, failWhen, fallback, methods, mode, name, rateLimiter, "
                        + "releaseDroppedResults, retry, timeout");
    }

    @Test
    void everyMistakeInAPolicyAndInDefaultsIsReportedTogether() throws IOException {
        Path file = write("""
                {
                  "version": 1,
                  "defaults": { "fallback": {}, "circuitBreaker": { "slidingWindowSize": -1 } },
                  "policies": [
                    { "name": "orders db", "methods": ["com.acme.A#a()", "not a pattern"],
                      "circuitBreaker": { "failureRateThreshold": 0, "waitDurationInOpenState": "soon" } }
                  ]
                }
                """);

        assertThatThrownBy(() -> parser.parse(file)).hasMessage(String.join("\n",
                file + ":3:17: defaults.fallback: unknown key \"fallback\"; allowed keys: bulkhead, circuitBreaker, mode, "
                        + "rateLimiter, releaseDroppedResults, retry, timeout",
                file + ":3:33: defaults.circuitBreaker: slidingWindowSize must be between 1 and 100000, was -1",
                file + ":5:5: policies[0]: \"name\" must be letters, digits, '.', '_' or '-', was 'orders db'",
                file + ":5:58: policies[0].methods[1]: \"not a pattern\" is not a method pattern; expected "
                        + "TYPE#METHOD(PARAMS), e.g. \"javax.sql.DataSource#getConnection(..)\" or "
                        + "\"com.acme.*Client#get*(java.lang.String, int)\"",
                file + ":6:7: policies[0].circuitBreaker: failureRateThreshold must be between 1 and 100, was 0",
                file + ":6:54: policies[0].circuitBreaker.waitDurationInOpenState: \"soon\" is not a duration "
                        + "such as \"500ms\", \"10s\", \"2m\", \"1h\" or ISO-8601 \"PT10S\""));
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DurationText.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationText.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> DurationText.parse("-PT1S")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> DurationText.parse("10 s")).hasMessageContaining("is not a duration");
    }

    @Test
    void durationsInMessagesAreShownAsPeopleWriteThem() {
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0ms");
        assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationText.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(DurationText.format(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(DurationText.format(Duration.ofNanos(500_000))).isEqualTo("PT0.0005S");
    }

    @Test
    void valuesOfTheWrongTypeInTheNewBlocksSayWhatIsExpected() throws IOException {
        assertError(write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["a.B#c()"], "fallback": { "throw": 5 } } ] }
                """), "policies[0].fallback.throw: expected a class name in double quotes, such as "
                + "\"java.io.IOException\"");
        assertError(write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["a.B#c()"], "failWhen": { "httpStatus": [500.0] } } ] }
                """), "policies[0].failWhen.httpStatus[0]: 500.0 is not an HTTP status");
        assertError(write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["a.B#c()"], "failWhen": { "httpStatus": ["404"] } } ] }
                """), "policies[0].failWhen.httpStatus[0]: \"404\" is not an HTTP status");
        assertError(write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["a.B#c()"], "mode": 0 } ] }
                """), "policies[0].mode: expected one of \"enforce\", \"observe\"");
    }

    @Test
    void mistakesOfEveryKindInOneFileAreReportedTogether() throws IOException {
        Path file = write("""
                { "version": 1, "polices": [], "defaults": { "mode": null, "retry": { "maxAttempts": 2.5 } },
                  "policies": [ { "name": "a", "methods": ["a.B#c()"], "timeout": { "duration": 5 } } ] }
                """);

        assertThatThrownBy(() -> parser.parse(file)).hasMessage(String.join("\n",
                file + ":1:17: polices: unknown key \"polices\" (did you mean \"policies\"?); allowed keys: defaults, "
                        + "policies, version",
                file + ":1:54: defaults.mode: null is not allowed; leave the key out to take its default",
                file + ":1:71: defaults.retry.maxAttempts: expected a whole number such as 20, without quotes",
                file + ":2:69: policies[0].timeout.duration: expected a duration such as \"500ms\", \"10s\", \"2m\", "
                        + "\"1h\" or ISO-8601 \"PT10S\", in double quotes"));
    }

    @Test
    void aCrossKeyMistakeIsReportedBesideAnUnknownKeyOfTheSameBlock() throws IOException {
        Path file = write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["a.B#c()"],
                  "circuitBreaker": { "slidingWindowSize": 5, "minimumNumberOfCalls": 10, "foo": 1 } } ] }
                """);

        assertThatThrownBy(() -> parser.parse(file)).hasMessage(String.join("\n",
                file + ":2:3: policies[0].circuitBreaker: minimumNumberOfCalls (10) must not exceed slidingWindowSize (5)",
                file + ":2:75: policies[0].circuitBreaker.foo: unknown key \"foo\"; allowed keys: "
                        + "automaticTransitionFromOpenToHalfOpenEnabled, failureRateThreshold, ignoreExceptions, "
                        + "maxWaitDurationInHalfOpenState, minimumNumberOfCalls, permittedNumberOfCallsInHalfOpenState, "
                        + "recordExceptions, slidingWindowSize, slidingWindowType, slowCallDurationThreshold, "
                        + "slowCallRateThreshold, waitDurationInOpenState"));
    }

    @Test
    void contentAfterThePolicyFilesObjectIsAnError() throws IOException {
        Path file = write("{ \"version\": 1, \"policies\": [] } {}");

        assertError(file, file + ":1:34: more content follows the policy file's object; a policy file holds one JSON "
                + "object");
    }

    @Test
    void anEmptyFileOrOneThatIsNotAnObjectIsAnError() throws IOException {
        assertError(write(""), "the policy file is empty; write an object such as { \"version\": 1, \"policies\": [] }");
        assertError(write("[]"), ":1:1: expected an object in curly braces");
    }

    @Test
    void aWholeNumberBeyondTheRangeOfIntIsAnError() throws IOException {
        assertError(write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["a.B#c()"], "bulkhead": { "maxConcurrentCalls": 99999999999 } } ] }
                """), "policies[0].bulkhead.maxConcurrentCalls: 99999999999 is too large; expected a whole number from "
                + "-2147483648 to 2147483647");
    }

    @Test
    void aNumberTooLargeForADoubleIsAnError() throws IOException {
        assertError(write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["a.B#c()"], "retry": { "randomizedWaitFactor": 1e400 } } ] }
                """), ":1:81: policies[0].retry.randomizedWaitFactor: the number is too large; expected a number such as 0.5");
    }

    @Test
    void aBooleanOrNumberWhereTextBelongsIsNotTurnedIntoText() throws IOException {
        assertError(write("""
                { "version": 1, "policies": [ { "name": true, "methods": ["a.B#c()"] } ] }
                """), ":1:33: policies[0].name: expected a string in double quotes");
        assertError(write("""
                { "version": 1, "policies": [ { "name": "a", "methods": [5] } ] }
                """), ":1:58: policies[0].methods[0]: expected a method pattern in double quotes");
        assertError(write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["a.B#c()"], "retry": { "retryExceptions": [5] } } ] }
                """), "policies[0].retry.retryExceptions[0]: expected a class name in double quotes");
    }

    @Test
    void anUnknownKeyIsReportedEvenWhenItsValueIsNull() throws IOException {
        assertError(write("{ \"version\": 1, \"policies\": [], \"foo\": null }"),
                ":1:33: foo: unknown key \"foo\"; allowed keys: defaults, policies, version");
    }

    @Test
    void theSameFileReadTwiceGivesEqualPolicies() throws Exception {
        Path file = write("""
                { "version": 1, "policies": [ { "name": "a", "methods": ["a.B#c()"], "fallback": { "value": "none" } } ] }
                """);
        Path moved = write("""
                {"version":1,"policies":[{"name":"a","methods":["a.B#c()"],"fallback":{"value":"none"}}]}
                """);

        assertThat(parser.parse(moved)).isEqualTo(parser.parse(file));
        assertThat(parser.parse(file).policies().get(0).fallback().value()).hasToString("\"none\"");
    }

    private void assertError(Path file, String expected) {
        assertThatThrownBy(() -> parser.parse(file))
                .isInstanceOf(PolicyFileException.class)
                .hasMessageContaining(expected);
    }

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(folder, "policies", ".json");
        return Files.writeString(file, json);
    }
}
