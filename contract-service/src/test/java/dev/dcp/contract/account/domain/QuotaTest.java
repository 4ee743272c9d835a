package dev.dcp.contract.account.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotaTest {

    private static final Quota DEFAULTS = new Quota(256, 600_000, 1_000);

    @Test
    void aTenantWithoutItsOwnLimitsGetsTheDefaults() {
        assertThat(Quota.of(null, null, null, DEFAULTS)).isEqualTo(DEFAULTS);
    }

    @Test
    void eachLimitTheAdminSetReplacesOnlyItsOwnDefault() {
        assertThat(Quota.of(3, null, null, DEFAULTS)).isEqualTo(new Quota(3, 600_000, 1_000));
        assertThat(Quota.of(null, 10, null, DEFAULTS)).isEqualTo(new Quota(256, 10, 1_000));
        assertThat(Quota.of(3, 10, null, DEFAULTS)).isEqualTo(new Quota(3, 10, 1_000));
        assertThat(Quota.of(null, null, 5L, DEFAULTS)).isEqualTo(new Quota(256, 600_000, 5));
    }

    @Test
    void aLimitOfZeroIsALimitNotAnAbsenceOfOne() {
        assertThat(Quota.of(0, 0, null, DEFAULTS)).isEqualTo(new Quota(0, 0, 1_000));
    }
}
