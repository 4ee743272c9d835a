package dev.dcp.contract.slashing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SlashingTest {

    @Test
    void aSlashIsTheFractionOfTheStakeRoundedDown() {
        Slashing tenPercent = new Slashing(100_000);

        assertThat(tenPercent.amount(1_000)).isEqualTo(100);
        assertThat(tenPercent.amount(1_009)).isEqualTo(100);
        assertThat(tenPercent.amount(1_010)).isEqualTo(101);
    }

    @Test
    void aSlashTakesAtLeastOneMicroCreditWhileAnyStakeIsLeft() {
        Slashing onePpm = new Slashing(1);

        assertThat(onePpm.amount(1)).isEqualTo(1);
        assertThat(onePpm.amount(999_999)).isEqualTo(1);
        assertThat(onePpm.amount(2_000_000)).isEqualTo(2);
        assertThat(new Slashing(100_000).amount(9)).isEqualTo(1);
    }

    @Test
    void aSlashNeverTakesMoreThanTheStake() {
        Slashing all = new Slashing(1_000_000);

        assertThat(all.amount(1)).isEqualTo(1);
        assertThat(all.amount(12_345)).isEqualTo(12_345);
        assertThat(all.amount(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void noStakeMeansNoSlash() {
        assertThat(new Slashing(500_000).amount(0)).isZero();
        assertThat(new Slashing(1_000_000).amount(0)).isZero();
    }

    @Test
    void aNegativeStakeMeansNoSlash() {
        assertThat(new Slashing(500_000).amount(-10)).isZero();
    }

    @Test
    void aZeroFractionNeverSlashes() {
        assertThat(new Slashing(0).amount(1)).isZero();
        assertThat(new Slashing(0).amount(Long.MAX_VALUE)).isZero();
    }

    @Test
    void aTenthIsOneHundredThousandPartsPerMillion() {
        assertThat(Slashing.ofFraction(0.1)).isEqualTo(new Slashing(100_000));
        assertThat(Slashing.ofFraction(0.0)).isEqualTo(new Slashing(0));
        assertThat(Slashing.ofFraction(1.0)).isEqualTo(new Slashing(1_000_000));
        assertThat(Slashing.ofFraction(0.000001)).isEqualTo(new Slashing(1));
    }

    @Test
    void fractionsOutsideZeroToOneAreRejected() {
        assertThatThrownBy(() -> Slashing.ofFraction(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Slashing.ofFraction(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Slashing.ofFraction(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Slashing.ofFraction(Double.NEGATIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Slashing(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Slashing(1_000_001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFractionThatIsNotANumberIsRejected() {
        assertThatThrownBy(() -> Slashing.ofFraction(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStakeNearTwoToTheFiftyThirdDoesNotOverflow() {
        long stake = (1L << 53) + 1; // 9007199254740993, not exact as a double
        Slashing tenPercent = new Slashing(100_000);

        // exact: 900719925474099.3 -> 900719925474099
        assertThat(tenPercent.amount(stake)).isEqualTo(900_719_925_474_099L);
        // 999999 ppm of it: stake × 999999 overflows a long but not the computation
        assertThat(new Slashing(999_999).amount(stake)).isEqualTo(stake - (stake + 999_999) / 1_000_000);
    }

    @Test
    void aSlashOfTheLargestStakeIsExact() {
        assertThat(new Slashing(500_000).amount(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE / 2);
    }

    @Test
    void aSlashIsAlwaysBetweenOneAndTheStake() {
        Random random = new Random(7L);
        for (int i = 0; i < 1_000; i++) {
            long stake = 1 + (random.nextLong() >>> 1) % Long.MAX_VALUE;
            long ppm = 1L + random.nextInt(1_000_000);
            long amount = new Slashing(ppm).amount(stake);
            assertThat(amount).as("stake=%d ppm=%d", stake, ppm).isBetween(1L, stake);
        }
    }
}
