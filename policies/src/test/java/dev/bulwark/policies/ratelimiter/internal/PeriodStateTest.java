package dev.bulwark.policies.ratelimiter.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodStateTest {
    private static final long LAST_PERIOD_BEFORE_WRAP = (1L << 42) - 1;

    @Test
    void keepsThePermissionsOfTheSamePeriodIncludingDebt() {
        assertThat(PeriodState.permissionsIn(PeriodState.pack(7, 2), 7, 3)).isEqualTo(2);
        assertThat(PeriodState.permissionsIn(PeriodState.pack(7, -5), 7, 3)).isEqualTo(-5);
    }

    @Test
    void addsOneAllowancePerPeriodPassedPayingDebtFirst() {
        assertThat(PeriodState.permissionsIn(PeriodState.pack(7, -5), 8, 3)).isEqualTo(-2);
        assertThat(PeriodState.permissionsIn(PeriodState.pack(7, -5), 9, 3)).isEqualTo(1);
    }

    @Test
    void neverGivesMoreThanOneAllowance() {
        assertThat(PeriodState.permissionsIn(PeriodState.pack(7, 0), 1_000_000, 3)).isEqualTo(3);
        assertThat(PeriodState.permissionsIn(PeriodState.pack(7, 2), 8, 1_000_000)).isEqualTo(1_000_000);
    }

    @Test
    void holdsTheDeepestDebtAndTheLargestAllowance() {
        assertThat(PeriodState.permissionsIn(PeriodState.pack(7, PeriodState.MIN_PERMISSIONS), 7, 1))
                .isEqualTo(-2_097_152);
        assertThat(PeriodState.permissionsIn(PeriodState.pack(7, 1_000_000), 7, 1_000_000)).isEqualTo(1_000_000);
    }

    @Test
    void countsPeriodsAcrossTheWrapOfThePeriodBits() {
        long word = PeriodState.pack(LAST_PERIOD_BEFORE_WRAP, -4);

        assertThat(PeriodState.permissionsIn(word, LAST_PERIOD_BEFORE_WRAP + 1, 3)).isEqualTo(-1);
        assertThat(PeriodState.permissionsIn(word, LAST_PERIOD_BEFORE_WRAP + 2, 3)).isEqualTo(2);
    }
}
