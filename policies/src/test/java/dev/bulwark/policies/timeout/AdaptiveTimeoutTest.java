package dev.bulwark.policies.timeout;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveTimeoutTest {
    private static final AdaptiveTimeoutConfig HUNDRED_SAMPLES = AdaptiveTimeoutConfig.builder()
            .percentile(95).multiplier(1.5).min(Duration.ofMillis(1)).max(Duration.ofSeconds(1)).samples(100)
            .build();

    private static void record(Timeout timeout, int calls, Duration latency) {
        for (int i = 0; i < calls; i++) {
            timeout.recordLatency(latency.toNanos());
        }
    }

    private static Duration current(Timeout timeout) {
        return Duration.ofNanos(timeout.currentTimeoutNanos());
    }

    @Test
    void aFixedTimeoutIsItsDurationWhateverTheLatencies() {
        Timeout timeout = Timeout.create("fixed", TimeoutConfig.fixed(Duration.ofMillis(250)));
        record(timeout, 1000, Duration.ofMillis(1));

        assertThat(current(timeout)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void usesTheMaximumUntilWarmedUp() {
        Timeout timeout = Timeout.create("warming", HUNDRED_SAMPLES);
        record(timeout, 99, Duration.ofMillis(10));
        assertThat(current(timeout)).isEqualTo(Duration.ofSeconds(1));

        record(timeout, 1, Duration.ofMillis(10));
        assertThat(current(timeout)).isEqualTo(Duration.ofMillis(15));
    }

    @Test
    void followsTheChosenPercentileTimesTheMultiplier() {
        Timeout timeout = Timeout.create("percentile", HUNDRED_SAMPLES);
        for (int millis = 1; millis <= 100; millis++) {
            timeout.recordLatency(Duration.ofMillis(millis).toNanos());
        }

        assertThat(current(timeout)).isEqualTo(Duration.ofMillis(95).multipliedBy(3).dividedBy(2));
    }

    @Test
    void followsALatencyDistributionThatShiftsUpAndDown() {
        Timeout timeout = Timeout.create("shifting", HUNDRED_SAMPLES);
        record(timeout, 100, Duration.ofMillis(10));
        assertThat(current(timeout)).isEqualTo(Duration.ofMillis(15));

        record(timeout, 100, Duration.ofMillis(40));
        assertThat(current(timeout)).isEqualTo(Duration.ofMillis(60));

        record(timeout, 100, Duration.ofMillis(20));
        assertThat(current(timeout)).isEqualTo(Duration.ofMillis(30));
    }

    @Test
    void reactsWhenMoreThanTheTailShiftsButOnlyOnceEveryTenthOfTheSamples() {
        Timeout timeout = Timeout.create("cadence", HUNDRED_SAMPLES);
        record(timeout, 100, Duration.ofMillis(10));

        record(timeout, 9, Duration.ofMillis(40));
        assertThat(current(timeout)).as("not recomputed per call").isEqualTo(Duration.ofMillis(15));

        record(timeout, 1, Duration.ofMillis(40));
        assertThat(current(timeout)).isEqualTo(Duration.ofMillis(60));
    }

    @Test
    void isClampedToTheMinimumAndTheMaximum() {
        Timeout timeout = Timeout.create("clamped", AdaptiveTimeoutConfig.builder().min(Duration.ofMillis(20))
                .max(Duration.ofMillis(500)).samples(100).build());

        record(timeout, 100, Duration.ofMillis(1));
        assertThat(current(timeout)).isEqualTo(Duration.ofMillis(20));

        record(timeout, 100, Duration.ofSeconds(5));
        assertThat(current(timeout)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void keepsItsLatenciesWhenReconfiguredWithTheSameNumberOfSamples() {
        Timeout timeout = Timeout.create("reconfigured", HUNDRED_SAMPLES);
        record(timeout, 100, Duration.ofMillis(10));

        assertThat(timeout.reconfigure(AdaptiveTimeoutConfig.builder().multiplier(3).min(Duration.ofMillis(1))
                .max(Duration.ofSeconds(1)).samples(100).build())).isTrue();

        assertThat(current(timeout)).isEqualTo(Duration.ofMillis(30));
    }

    @Test
    void startsAgainFromTheMaximumWhenTheNumberOfSamplesChanges() {
        Timeout timeout = Timeout.create("resized", HUNDRED_SAMPLES);
        record(timeout, 100, Duration.ofMillis(10));

        timeout.reconfigure(AdaptiveTimeoutConfig.builder().max(Duration.ofSeconds(2)).samples(200).build());

        assertThat(current(timeout)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void switchesBetweenFixedAndAdaptive() {
        Timeout timeout = Timeout.create("switching", HUNDRED_SAMPLES);
        timeout.reconfigure(TimeoutConfig.fixed(Duration.ofMillis(300)));
        assertThat(current(timeout)).isEqualTo(Duration.ofMillis(300));

        timeout.reconfigure(HUNDRED_SAMPLES);
        assertThat(current(timeout)).isEqualTo(Duration.ofSeconds(1));
        assertThat(timeout.config()).isEqualTo(HUNDRED_SAMPLES);
    }

    @Test
    void countsTimeouts() {
        Timeout timeout = Timeout.create("counted", TimeoutConfig.fixed(Duration.ofSeconds(1)));
        timeout.onTimeout();
        timeout.onTimeout();

        assertThat(timeout.timeouts()).isEqualTo(2);
    }
}
