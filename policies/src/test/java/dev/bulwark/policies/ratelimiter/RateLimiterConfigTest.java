package dev.bulwark.policies.ratelimiter;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateLimiterConfigTest {

    @Test
    void defaultsAreResilience4js() {
        RateLimiterConfig config = RateLimiterConfig.defaults();

        assertThat(config.limitForPeriod()).isEqualTo(50);
        assertThat(config.limitRefreshPeriod()).isEqualTo(Duration.ofNanos(500));
        assertThat(config.timeoutDuration()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void rejectsALimitOutOfRangeNamingTheSetting() {
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimiterConfig.builder().limitForPeriod(0).build())
                .withMessage("limitForPeriod must be between 1 and 1000000, was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RateLimiterConfig.builder().limitForPeriod(1_000_001).build())
                .withMessageContaining("limitForPeriod");
    }

    @Test
    void rejectsARefreshPeriodOutOfRangeNamingTheSetting() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RateLimiterConfig.builder().limitRefreshPeriod(Duration.ZERO).build())
                .withMessage("limitRefreshPeriod must be between 1ns and 24h, was PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RateLimiterConfig.builder().limitRefreshPeriod(Duration.ofHours(24).plusNanos(1))
                        .build())
                .withMessageContaining("limitRefreshPeriod");
    }

    @Test
    void rejectsATimeoutOutOfRangeNamingTheSetting() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RateLimiterConfig.builder().timeoutDuration(Duration.ofNanos(-1)).build())
                .withMessage("timeoutDuration must be between 0 and 1h, was PT-0.000000001S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RateLimiterConfig.builder().timeoutDuration(Duration.ofHours(1).plusNanos(1)).build())
                .withMessageContaining("timeoutDuration");
    }

    @Test
    void acceptsTheBoundsOfEveryRange() {
        assertThat(new RateLimiterConfig(1, Duration.ofNanos(1), Duration.ZERO).limitForPeriod()).isEqualTo(1);
        assertThat(new RateLimiterConfig(1_000_000, Duration.ofHours(24), Duration.ofHours(1)).limitForPeriod())
                .isEqualTo(1_000_000);
    }
}
