package dev.dcp.contract.admission.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.contract.account.domain.Quota;
import dev.dcp.contract.admission.domain.AdmissionRules.InsufficientCredits;
import dev.dcp.contract.admission.domain.AdmissionRules.TooManyRunningJobs;
import dev.dcp.contract.admission.domain.AdmissionRules.TooManySubtasks;
import org.junit.jupiter.api.Test;

class AdmissionRulesTest {

    private static final Quota QUOTA = new Quota(2, 10, 0);

    @Test
    void aJobWithinEveryLimitIsLeftToTheSubtaskRate() {
        assertThat(AdmissionRules.refusal(QUOTA, 1, 1_000, 1_000, 10)).isEmpty();
    }

    @Test
    void aJobOfMoreSubtasksThanAMinutesQuotaIsRefusedWhateverElseHolds() {
        assertThat(AdmissionRules.refusal(QUOTA, 2, 0, 1_000, 11)).contains(new TooManySubtasks(11, 10));
    }

    @Test
    void aTenantAtItsLimitOfRunningJobsIsToldToRetryAfterASecond() {
        assertThat(AdmissionRules.refusal(QUOTA, 2, 1_000, 1, 1)).contains(new TooManyRunningJobs(2, 2));
        assertThat(new TooManyRunningJobs(2, 2).retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void aTenantAboveItsLimitOfRunningJobsIsRefusedToo() {
        // an admin may lower the limit below what runs already
        assertThat(AdmissionRules.refusal(new Quota(1, 10, 0), 5, 1_000, 1, 1)).contains(new TooManyRunningJobs(1, 5));
    }

    @Test
    void aLimitOfZeroRunningJobsRefusesEveryJob() {
        assertThat(AdmissionRules.refusal(new Quota(0, 10, 0), 0, 1_000, 1, 1)).contains(new TooManyRunningJobs(0, 0));
    }

    @Test
    void runningJobsAreCheckedBeforeTheBalance() {
        assertThat(AdmissionRules.refusal(QUOTA, 2, 0, 1_000, 1)).containsInstanceOf(TooManyRunningJobs.class);
    }

    @Test
    void aBalanceShortOfMaxCreditsRefusesTheJob() {
        assertThat(AdmissionRules.refusal(QUOTA, 0, 999, 1_000, 1)).contains(new InsufficientCredits(1_000, 999));
    }

    @Test
    void aBalanceOfExactlyMaxCreditsIsEnough() {
        assertThat(AdmissionRules.refusal(QUOTA, 0, 1_000, 1_000, 1)).isEmpty();
    }

    @Test
    void aFreeJobNeedsNoBalance() {
        assertThat(AdmissionRules.refusal(QUOTA, 0, 0, 0, 1)).isEmpty();
    }

    @Test
    void theWaitForTheSubtaskRateIsRoundedUpToWholeSeconds() {
        assertThat(AdmissionRules.retryAfterSeconds(6_000_000_000L)).isEqualTo(6);
        assertThat(AdmissionRules.retryAfterSeconds(5_000_000_001L)).isEqualTo(6);
        assertThat(AdmissionRules.retryAfterSeconds(1_999_999_999L)).isEqualTo(2);
    }

    @Test
    void theWaitForTheSubtaskRateIsAtLeastOneSecond() {
        assertThat(AdmissionRules.retryAfterSeconds(1)).isEqualTo(1);
        assertThat(AdmissionRules.retryAfterSeconds(0)).isEqualTo(1);
    }
}
