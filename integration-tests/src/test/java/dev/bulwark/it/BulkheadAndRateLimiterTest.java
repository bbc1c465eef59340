package dev.bulwark.it;

import dev.bulwark.it.apps.ToolkitApp;
import dev.bulwark.it.support.AgentJvm;
import dev.bulwark.it.support.PolicyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.bulwark.it.ToolkitFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Limits on concurrent calls and on calls per period, on an application method. */
class BulkheadAndRateLimiterTest {
    private static final String HOLD = "\"methods\": [\"dev.bulwark.it.apps.ToolkitApp$Warehouse#hold()\"]";
    private static final String QUOTE = "\"methods\": [\"dev.bulwark.it.apps.ToolkitApp$Warehouse#quote(..)\"]";

    @TempDir
    Path folder;

    @Test
    void bulkheadLetsItsLimitInAndRejectsTheRestAtOnce() throws Exception {
        try (AgentJvm app = ToolkitFixture.start(folder, "{ \"name\": \"warehouse\", " + HOLD
                + ", \"bulkhead\": { \"maxConcurrentCalls\": 2 } }", "http://unused")) {
            run(app, "hold 2");
            app.awaitLineCount(line -> line.equals("BODY hold"), 2);
            run(app, "hold 1");

            app.awaitLine(line -> line.startsWith("hold THREW dev.bulwark.runtime.rejection.CallRejectedException: "
                    + "Bulwark policy 'warehouse' rejected the call: bulkhead is full"));
            assertThat(app.jmx().attribute("Bulkhead", "warehouse", "AvailableConcurrentCalls")).isEqualTo(0);
            assertThat(app.jmx().attribute("Bulkhead", "warehouse", "RejectedCalls")).isEqualTo(1L);

            run(app, "release");
            app.awaitLineCount(line -> line.startsWith("hold RETURNED released"), 2);
            await().atMost(AgentJvm.PATIENCE).until(() ->
                    app.jmx().attribute("Bulkhead", "warehouse", "AvailableConcurrentCalls").equals(2));
            assertThat(app.countLines(line -> line.equals("BODY hold"))).isEqualTo(2);
        }
    }

    @Test
    void aLimitLoweredByAReloadBelowTheCallsRunningAdmitsNoneUntilFewerRunThanItThenHoldsToIt() throws Exception {
        Path policy = PolicyFiles.writeTo(folder.resolve("policies.json"), warehouseWithBulkheadOf(3));
        try (AgentJvm app = AgentJvm.start("policy=" + policy, ToolkitApp.class, "http://unused")) {
            app.awaitLineContaining("APP READY");
            run(app, "hold 2");
            app.awaitLineCount(line -> line.equals("BODY hold"), 2);

            PolicyFiles.writeTo(policy, warehouseWithBulkheadOf(1));
            app.awaitLineContaining("changed [warehouse]");
            assertThat(app.jmx().attribute("Bulkhead", "warehouse", "MaxConcurrentCalls")).isEqualTo(1);
            // The old limit of 3 would have let it in beside the 2 running.
            run(app, "hold 1");
            app.awaitLineCount(line -> line.contains("rejected the call: bulkhead is full"), 1);

            run(app, "release");
            app.awaitLineCount(line -> line.startsWith("hold RETURNED released"), 2);
            await().atMost(AgentJvm.PATIENCE).until(() ->
                    app.jmx().attribute("Bulkhead", "warehouse", "AvailableConcurrentCalls").equals(1));
            run(app, "hold 2");
            app.awaitLineCount(line -> line.contains("rejected the call: bulkhead is full"), 2);
            app.awaitLineCount(line -> line.equals("BODY hold"), 3);

            assertThat(app.countLines(line -> line.equals("BODY hold"))).isEqualTo(3);
            assertThat(app.jmx().attribute("Bulkhead", "warehouse", "RejectedCalls")).isEqualTo(2L);
            run(app, "release");
        }
    }

    @Test
    void rateLimiterRejectsCallsBeyondTheLimitOfThePeriod() throws Exception {
        try (AgentJvm app = ToolkitFixture.start(folder, "{ \"name\": \"warehouse\", " + QUOTE
                + ", \"rateLimiter\": { \"limitForPeriod\": 3, \"limitRefreshPeriod\": \"1h\", "
                + "\"timeoutDuration\": \"0ms\" } }", "http://unused")) {
            for (int i = 0; i < 5; i++) {
                run(app, "quote 42");
            }

            assertThat(app.countLines(line -> line.startsWith("quote RETURNED 9.99"))).isEqualTo(3);
            assertThat(app.countLines(line -> line.startsWith("quote THREW dev.bulwark.runtime.rejection."
                    + "CallRejectedException: Bulwark policy 'warehouse' rejected the call: rate limit reached")))
                    .isEqualTo(2);
            assertThat(app.countLines(line -> line.equals("BODY quote"))).isEqualTo(3);
            assertThat(app.jmx().attribute("RateLimiter", "warehouse", "RejectedCalls")).isEqualTo(2L);
        }
    }

    private static String warehouseWithBulkheadOf(int places) {
        return "{ \"version\": 1, \"policies\": [ { \"name\": \"warehouse\", " + HOLD
                + ", \"bulkhead\": { \"maxConcurrentCalls\": " + places + " } } ] }";
    }
}
