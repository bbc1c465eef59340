package dev.bulwark.policies.timeout;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeoutConfigTest {

    @Test
    void fixedTimeoutMustLieBetweenOneMillisecondAndADay() {
        assertThat(TimeoutConfig.fixed(Duration.ofMillis(1)).duration()).isEqualTo(Duration.ofMillis(1));
        assertThatThrownBy(() -> TimeoutConfig.fixed(Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration must be between 1ms and 24h, was PT0.000999999S");
        assertThatThrownBy(() -> TimeoutConfig.fixed(Duration.ofHours(25))).hasMessageContaining("duration");
        assertThatThrownBy(() -> TimeoutConfig.fixed(null)).hasMessage("duration must be given");
    }

    @Test
    void adaptiveDefaultsFollowOneAndAHalfTimesTheNinetyFifthPercentileOfTheLastThousandCalls() {
        AdaptiveTimeoutConfig config = TimeoutConfig.adaptive();

        assertThat(config.percentile()).isEqualTo(95.0);
        assertThat(config.multiplier()).isEqualTo(1.5);
        assertThat(config.min()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.max()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.samples()).isEqualTo(1000);
        assertThat(config.warmUpSamples()).isEqualTo(100);
    }

    @Test
    void warmsUpOnEverySampleWhenFewerThanAHundredAreKept() {
        assertThat(AdaptiveTimeoutConfig.builder().samples(40).build().warmUpSamples()).isEqualTo(40);
    }

    @Test
    void rejectsAdaptiveSettingsOutOfRange() {
        assertThatThrownBy(() -> AdaptiveTimeoutConfig.builder().percentile(99.95).build())
                .hasMessage("percentile must be between 50 and 99.9, was 99.95");
        assertThatThrownBy(() -> AdaptiveTimeoutConfig.builder().percentile(Double.NaN).build())
                .hasMessageContaining("percentile");
        assertThatThrownBy(() -> AdaptiveTimeoutConfig.builder().multiplier(0.99).build())
                .hasMessage("multiplier must be between 1 and 10, was 0.99");
        assertThatThrownBy(() -> AdaptiveTimeoutConfig.builder().min(Duration.ZERO).build())
                .hasMessage("min must be between 1ms and 24h, was PT0S");
        assertThatThrownBy(() -> AdaptiveTimeoutConfig.builder().min(Duration.ofSeconds(2))
                .max(Duration.ofSeconds(1)).build())
                .hasMessage("min must be at most max (PT1S), was PT2S");
        assertThatThrownBy(() -> AdaptiveTimeoutConfig.builder().samples(9).build())
                .hasMessage("samples must be between 10 and 100000, was 9");
    }
}
