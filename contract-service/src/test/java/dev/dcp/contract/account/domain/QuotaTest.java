package dev.dcp.contract.account.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotaTest {

    private static final Quota DEFAULTS = new Quota(256, 600_000);

    @Test
    void aTenantWithoutItsOwnLimitsGetsTheDefaults() {
        assertThat(Quota.of(null, null, DEFAULTS)).isEqualTo(DEFAULTS);
    }

    @Test
    void eachLimitTheAdminSetReplacesOnlyItsOwnDefault() {
        assertThat(Quota.of(3, null, DEFAULTS)).isEqualTo(new Quota(3, 600_000));
        assertThat(Quota.of(null, 10, DEFAULTS)).isEqualTo(new Quota(256, 10));
        assertThat(Quota.of(3, 10, DEFAULTS)).isEqualTo(new Quota(3, 10));
    }

    @Test
    void aLimitOfZeroIsALimitNotAnAbsenceOfOne() {
        assertThat(Quota.of(0, 0, DEFAULTS)).isEqualTo(new Quota(0, 0));
    }
}
