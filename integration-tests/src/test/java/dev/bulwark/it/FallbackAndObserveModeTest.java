package dev.bulwark.it;

import dev.bulwark.it.support.AgentJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.bulwark.it.ToolkitFixture.lastOutcome;
import static dev.bulwark.it.ToolkitFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

/** What a failed call becomes: a fallback's value or exception, or, in observe mode, exactly what it was. */
class FallbackAndObserveModeTest {
    private static final String QUOTE = "\"name\": \"quotes\", "
            + "\"methods\": [\"dev.bulwark.it.apps.ToolkitApp$Warehouse#quote(..)\"]";

    @TempDir
    Path folder;

    @Test
    void fallbackValueReplacesAFailureAndLeavesSuccessesAlone() throws Exception {
        try (AgentJvm app = ToolkitFixture.start(folder, "{ " + QUOTE + ", \"fallback\": { \"value\": \"unknown\" } }",
                "http://unused")) {
            run(app, "fail on");
            run(app, "quote 42");
            assertThat(lastOutcome(app, "quote")).isEqualTo("quote RETURNED unknown interrupted=false");

            run(app, "fail off");
            run(app, "quote 42");
            assertThat(lastOutcome(app, "quote")).isEqualTo("quote RETURNED 9.99 interrupted=false");
        }
    }

    @Test
    void cachedFallbackAnswersWithTheLastGoodResultForTheSameArguments() throws Exception {
        try (AgentJvm app = ToolkitFixture.start(folder, "{ " + QUOTE
                + ", \"fallback\": { \"cached\": { \"ttl\": \"1h\" } } }", "http://unused")) {
            run(app, "quote 42");
            run(app, "fail on");

            run(app, "quote 42");
            assertThat(lastOutcome(app, "quote")).isEqualTo("quote RETURNED 9.99 interrupted=false");
            run(app, "quote 43");
            assertThat(lastOutcome(app, "quote")).isEqualTo("quote THREW java.lang.IllegalStateException: "
                    + "quote service down interrupted=false");
        }
    }

    @Test
    void aFallbackValueTheMethodCannotReturnIsReportedWhenTheMethodIsAdvised() throws Exception {
        try (AgentJvm app = ToolkitFixture.start(folder, "{ " + QUOTE + ", \"fallback\": { \"value\": true } }",
                "http://unused")) {
            run(app, "fail on");
            run(app, "quote 42");

            assertThat((String[]) app.jmx().agent("Errors")).anySatisfy(error -> assertThat(error).contains(
                    "policy 'quotes' cannot fall back for dev.bulwark.it.apps.ToolkitApp$Warehouse#quote("
                            + "java.lang.String): the fallback value true cannot be returned by a method returning "
                            + "java.lang.String"));
            assertThat(lastOutcome(app, "quote")).isEqualTo("quote THREW java.lang.IllegalStateException: "
                    + "quote service down interrupted=false");
        }
    }

    @Test
    void fallbackExceptionNamesWhatFailed() throws Exception {
        try (AgentJvm app = ToolkitFixture.start(folder, "{ " + QUOTE
                + ", \"fallback\": { \"throw\": \"java.lang.UnsupportedOperationException\" } }", "http://unused")) {
            run(app, "fail on");
            run(app, "quote 42");

            assertThat(lastOutcome(app, "quote")).isEqualTo("quote THREW java.lang.UnsupportedOperationException: "
                    + "Bulwark policy 'quotes' fell back: quote service down interrupted=false");
        }
    }

    @Test
    void anOpenBreakerWithAFallbackAnswersWithoutRunningTheMethod() throws Exception {
        try (AgentJvm app = ToolkitFixture.start(folder, "{ " + QUOTE
                + ", \"circuitBreaker\": {}, \"fallback\": { \"value\": null } }", "http://unused")) {
            app.jmx().invokeOnBreaker("quotes", "forceOpen");
            run(app, "quote 42");

            assertThat(lastOutcome(app, "quote")).isEqualTo("quote RETURNED null interrupted=false");
            assertThat(app.countLines(line -> line.equals("BODY quote"))).isZero();
        }
    }

    @Test
    void observeModeCountsWhatItWouldHaveRejectedButNeverChangesAnOutcome() throws Exception {
        try (AgentJvm app = ToolkitFixture.start(folder, "{ " + QUOTE + ", \"mode\": \"observe\", "
                + "\"circuitBreaker\": { \"slidingWindowSize\": 10, \"minimumNumberOfCalls\": 5, "
                + "\"waitDurationInOpenState\": \"1h\" }, \"fallback\": { \"value\": \"unknown\" } }", "http://unused")) {
            run(app, "fail on");
            for (int i = 0; i < 20; i++) {
                run(app, "quote 42");
            }

            assertThat(app.countLines(line -> line.equals("BODY quote"))).isEqualTo(20);
            assertThat(app.countLines(line -> line.startsWith("quote THREW java.lang.IllegalStateException: "
                    + "quote service down"))).isEqualTo(20);
            assertThat(app.jmx().breaker("quotes", "State")).isEqualTo("OPEN");
            assertThat(app.jmx().breaker("quotes", "Mode")).isEqualTo("OBSERVE");
            assertThat(app.jmx().breaker("quotes", "WouldHaveRejectedCalls")).isEqualTo(15L);
            app.awaitLineContaining("Bulwark circuit breaker 'quotes' changed from CLOSED to OPEN");
        }
    }
}
