package dev.bulwark.policies.circuitbreaker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CircuitBreakerConfigTest {

    @Test
    void newSettingsDefaultToResilience4jDefaults() {
        CircuitBreakerConfig config = CircuitBreakerConfig.defaults();

        assertThat(config.slidingWindowType()).isEqualTo(SlidingWindowType.COUNT_BASED);
        assertThat(config.slowCallRateThreshold()).isEqualTo(100);
        assertThat(config.slowCallDurationThreshold()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxWaitDurationInHalfOpenState()).isEqualTo(Duration.ZERO);
        assertThat(config.automaticTransitionFromOpenToHalfOpenEnabled()).isFalse();
        assertThat(config.recordExceptions()).isEmpty();
        assertThat(config.ignoreExceptions()).isEmpty();
    }

    @Test
    void theFiveSettingConstructorKeepsTheDefaultsOfTheOthers() {
        assertThat(new CircuitBreakerConfig(50, 100, 100, Duration.ofSeconds(60), 10))
                .isEqualTo(CircuitBreakerConfig.defaults());
    }

    @Test
    void doesNotCapMinimumNumberOfCallsForATimeBasedWindowAsResilience4jDoesNot() {
        CircuitBreakerConfig config = CircuitBreakerConfig.builder()
                .slidingWindowType(SlidingWindowType.TIME_BASED).slidingWindowSize(5).minimumNumberOfCalls(50).build();

        assertThat(config.minimumNumberOfCalls()).isEqualTo(50);
    }

    @Test
    void acceptsATimeBasedWindowOfUpToAnHour() {
        CircuitBreakerConfig config = CircuitBreakerConfig.builder()
                .slidingWindowType(SlidingWindowType.TIME_BASED).slidingWindowSize(3_600).build();

        assertThat(config.slidingWindowSize()).isEqualTo(3_600);
    }

    @Test
    void rejectsATimeBasedWindowLongerThanAnHourNamingItsUnit() {
        assertThatThrownBy(() -> CircuitBreakerConfig.builder()
                .slidingWindowType(SlidingWindowType.TIME_BASED).slidingWindowSize(3_601).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slidingWindowSize (seconds, TIME_BASED) must be between 1 and 3600, was 3601");
    }

    @Test
    void rejectsASlowCallRateThresholdOutsideOneToAHundredNamingTheSetting() {
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().slowCallRateThreshold(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slowCallRateThreshold must be between 1 and 100, was 0");
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().slowCallRateThreshold(101).build())
                .hasMessage("slowCallRateThreshold must be between 1 and 100, was 101");
    }

    @Test
    void rejectsASlowCallDurationThresholdBelowAMillisecond() {
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().slowCallDurationThreshold(Duration.ofNanos(999_999)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slowCallDurationThreshold must be between 1ms and 24h, was PT0.000999999S");
    }

    @Test
    void acceptsZeroAsNoBoundOnTheWaitInHalfOpenState() {
        CircuitBreakerConfig config = CircuitBreakerConfig.builder().maxWaitDurationInHalfOpenState(Duration.ZERO).build();

        assertThat(config.maxWaitDurationInHalfOpenState()).isZero();
    }

    @Test
    void rejectsAWaitInHalfOpenStateOverADayNamingTheZeroAlternative() {
        assertThatThrownBy(() -> CircuitBreakerConfig.builder()
                .maxWaitDurationInHalfOpenState(Duration.ofHours(25)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxWaitDurationInHalfOpenState must be between 1ms and 24h (or 0 for no bound), was PT25H");
    }

    @Test
    void rejectsABlankExceptionClassName() {
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().ignoreExceptions(List.of(" ")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ignoreExceptions must hold fully qualified class names");
    }

    @Test
    void keepsItsOwnCopyOfTheExceptionLists() {
        List<String> names = new ArrayList<>(List.of("java.io.IOException"));
        CircuitBreakerConfig config = CircuitBreakerConfig.builder().recordExceptions(names).build();

        names.add("java.lang.IllegalStateException");

        assertThat(config.recordExceptions()).containsExactly("java.io.IOException");
    }

    @Test
    void toBuilderStartsFromEverySetting() {
        CircuitBreakerConfig config = CircuitBreakerConfig.builder().slidingWindowType(SlidingWindowType.TIME_BASED)
                .slidingWindowSize(30).minimumNumberOfCalls(7).slowCallRateThreshold(40)
                .automaticTransitionFromOpenToHalfOpenEnabled(true).ignoreExceptions(List.of("a.B")).build();

        assertThat(config.toBuilder().build()).isEqualTo(config);
    }
}
