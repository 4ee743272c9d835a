package dev.dcp.contract.provider.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.contract.provider.domain.Staking.InsufficientBalance;
import dev.dcp.contract.provider.domain.Staking.NotThatMuchStake;
import dev.dcp.contract.provider.domain.Staking.StakeLocked;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StakingTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void aBondNeedsThatMuchBalance() {
        assertThat(Staking.bondRefusal(1_001, 1_000)).contains(new InsufficientBalance(1_001, 1_000));
        assertThat(Staking.bondRefusal(1_000, 1_000)).isEmpty();
    }

    @Test
    void aBondIsLockedForTheDaysItAsksFromNow() {
        assertThat(Staking.lockEnd(NOW, 30)).isEqualTo(NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void aStakeCannotBeUnbondedBeforeItsLockEnds() {
        Instant until = NOW.plusSeconds(1);

        assertThat(Staking.unbondRefusal(1, 1_000, until, NOW)).contains(new StakeLocked(until));
    }

    @Test
    void aStakeUnbondsTheMomentItsLockEnds() {
        assertThat(Staking.unbondRefusal(1, 1_000, NOW, NOW)).isEmpty();
        assertThat(Staking.unbondRefusal(1, 1_000, NOW.minusSeconds(1), NOW)).isEmpty();
    }

    @Test
    void aStakeNeverBondedIsNotLocked() {
        assertThat(Staking.unbondRefusal(0, 0, null, NOW)).isEmpty();
    }

    @Test
    void noMoreThanTheStakeUnbonds() {
        assertThat(Staking.unbondRefusal(1_001, 1_000, null, NOW)).contains(new NotThatMuchStake(1_001, 1_000));
        assertThat(Staking.unbondRefusal(1_000, 1_000, null, NOW)).isEmpty();
    }

    @Test
    void theLockIsToldBeforeTheShortStake() {
        Instant until = NOW.plusSeconds(60);

        assertThat(Staking.unbondRefusal(5_000, 1_000, until, NOW)).contains(new StakeLocked(until));
    }

    @Test
    void workersAreEligibleFromTheMinimumStakeOn() {
        assertThat(Staking.eligible(999, 1_000)).isFalse();
        assertThat(Staking.eligible(1_000, 1_000)).isTrue();
        assertThat(Staking.eligible(0, 0)).isTrue();
    }
}
