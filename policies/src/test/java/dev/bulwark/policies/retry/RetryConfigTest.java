package dev.bulwark.policies.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryConfigTest {

    @Test
    void defaultsAreResilience4jsWithFullJitterAndTheDefaultBudget() {
        RetryConfig config = RetryConfig.defaults();

        assertThat(config.maxAttempts()).isEqualTo(3);
        assertThat(config.waitDuration()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.exponentialBackoffMultiplier()).isEqualTo(1.0);
        assertThat(config.exponentialMaxWaitDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.randomizedWaitFactor()).isEqualTo(1.0);
        assertThat(config.retryExceptions()).isEmpty();
        assertThat(config.ignoreExceptions()).isEmpty();
        assertThat(config.budget()).isEqualTo(new RetryBudgetConfig(0.2, 10));
    }

    @Test
    void rejectsAttemptsOutsideOneToHundred() {
        assertThatThrownBy(() -> RetryConfig.builder().maxAttempts(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAttempts must be between 1 and 100, was 0");
        assertThatThrownBy(() -> RetryConfig.builder().maxAttempts(101).build())
                .hasMessageContaining("maxAttempts");
    }

    @Test
    void rejectsWaitsOutsideZeroToAnHour() {
        assertThatThrownBy(() -> RetryConfig.builder().waitDuration(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("waitDuration must be between 0s and 1h, was PT-0.001S");
        assertThatThrownBy(() -> RetryConfig.builder().waitDuration(Duration.ofMinutes(61)).build())
                .hasMessageContaining("waitDuration");
    }

    @Test
    void rejectsMultipliersOutsideOneToTenIncludingNaN() {
        assertThatThrownBy(() -> RetryConfig.builder().exponentialBackoffMultiplier(0.9).build())
                .hasMessage("exponentialBackoffMultiplier must be between 1.0 and 10.0, was 0.9");
        assertThatThrownBy(() -> RetryConfig.builder().exponentialBackoffMultiplier(Double.NaN).build())
                .hasMessageContaining("exponentialBackoffMultiplier");
    }

    @Test
    void rejectsAGrowingWaitWhoseCapIsBelowTheFirstWait() {
        assertThatThrownBy(() -> RetryConfig.builder().waitDuration(Duration.ofSeconds(2))
                .exponentialBackoffMultiplier(2).exponentialMaxWaitDuration(Duration.ofSeconds(1)).build())
                .hasMessage("exponentialMaxWaitDuration must be at least waitDuration (PT2S) when "
                        + "exponentialBackoffMultiplier is above 1, was PT1S");
    }

    @Test
    void acceptsACapBelowAConstantWaitBecauseAConstantWaitIsNotCapped() {
        RetryConfig config = RetryConfig.builder().waitDuration(Duration.ofMinutes(1)).build();

        assertThat(config.exponentialMaxWaitDuration()).isLessThan(config.waitDuration());
    }

    @Test
    void rejectsRandomizedWaitFactorOutsideZeroToOne() {
        assertThatThrownBy(() -> RetryConfig.builder().randomizedWaitFactor(1.01).build())
                .hasMessage("randomizedWaitFactor must be between 0.0 and 1.0, was 1.01");
    }

    @Test
    void copiesTheExceptionListsSoLaterChangesDoNotLeakIn() {
        List<String> names = new java.util.ArrayList<>(List.of("java.io.IOException"));
        RetryConfig config = new RetryConfig(3, Duration.ZERO, 1, Duration.ofSeconds(1), 0, names, List.of(),
                RetryBudgetConfig.defaults());
        names.add("java.lang.RuntimeException");

        assertThat(config.retryExceptions()).containsExactly("java.io.IOException");
    }

    @Test
    void budgetRejectsARatioAboveTenAndAFloorAboveAMillion() {
        assertThatThrownBy(() -> RetryBudgetConfig.builder().maxRetryRatio(10.5).build())
                .hasMessage("maxRetryRatio must be between 0 and 10.0, was 10.5");
        assertThatThrownBy(() -> RetryBudgetConfig.builder().minRetriesPerSecond(-1).build())
                .hasMessage("minRetriesPerSecond must be between 0 and 1000000, was -1");
    }
}
