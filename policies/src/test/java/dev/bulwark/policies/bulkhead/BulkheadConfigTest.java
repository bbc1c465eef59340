package dev.bulwark.policies.bulkhead;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BulkheadConfigTest {

    @Test
    void defaultsAreResilience4js() {
        BulkheadConfig config = BulkheadConfig.defaults();

        assertThat(config.maxConcurrentCalls()).isEqualTo(25);
        assertThat(config.maxWaitDuration()).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsAConcurrencyLimitOutOfRangeNamingTheSetting() {
        assertThatIllegalArgumentException().isThrownBy(() -> BulkheadConfig.builder().maxConcurrentCalls(0).build())
                .withMessage("maxConcurrentCalls must be between 1 and 100000, was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BulkheadConfig.builder().maxConcurrentCalls(100_001).build())
                .withMessageContaining("maxConcurrentCalls");
    }

    @Test
    void rejectsAWaitOutOfRangeNamingTheSetting() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BulkheadConfig.builder().maxWaitDuration(Duration.ofNanos(-1)).build())
                .withMessage("maxWaitDuration must be between 0 and 1h, was PT-0.000000001S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BulkheadConfig.builder().maxWaitDuration(Duration.ofHours(1).plusNanos(1)).build())
                .withMessageContaining("maxWaitDuration");
    }

    @Test
    void acceptsTheBoundsOfEveryRange() {
        assertThat(new BulkheadConfig(1, Duration.ZERO).maxConcurrentCalls()).isEqualTo(1);
        assertThat(new BulkheadConfig(100_000, Duration.ofHours(1)).maxWaitDuration()).isEqualTo(Duration.ofHours(1));
    }
}
