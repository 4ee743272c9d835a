package dev.dcp.contract.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SubtaskRateTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final SubtaskRate rate = new SubtaskRate(clock);

    @Test
    void aFullMinutesQuotaCanBeTakenAtOnce() {
        assertThat(rate.tryTake("t", 10, 10)).isZero();
    }

    @Test
    void beyondTheQuotaTheWaitIsUntilEnoughTokensHaveRefilled() {
        assertThat(rate.tryTake("t", 10, 1)).isZero();

        // 9 left; the tenth refills 6 s later (10 per minute), and the clock has not moved
        assertThat(rate.tryTake("t", 10, 10)).isEqualTo(6);
        assertThat(rate.tryTake("t", 10, 10)).as("a refusal takes nothing").isEqualTo(6);
    }

    @Test
    void tokensRefillContinuouslyAsTimePasses() {
        assertThat(rate.tryTake("t", 10, 10)).isZero();
        assertThat(rate.tryTake("t", 10, 3)).isEqualTo(18);

        clock.advance(Duration.ofSeconds(12));
        assertThat(rate.tryTake("t", 10, 3)).as("two refilled, one to go").isEqualTo(6);
        clock.advance(Duration.ofSeconds(6));
        assertThat(rate.tryTake("t", 10, 3)).isZero();
    }

    @Test
    void aWaitOfAFractionOfASecondIsRoundedUp() {
        assertThat(rate.tryTake("t", 10, 10)).isZero();

        clock.advance(Duration.ofMillis(5_500));
        assertThat(rate.tryTake("t", 10, 1)).as("half a second to go").isEqualTo(1);
        clock.advance(Duration.ofMillis(500));
        assertThat(rate.tryTake("t", 10, 1)).isZero();
    }

    @Test
    void eachTenantHasItsOwnBucket() {
        assertThat(rate.tryTake("a", 10, 10)).isZero();

        assertThat(rate.tryTake("b", 10, 10)).isZero();
        assertThat(rate.tryTake("a", 10, 1)).isEqualTo(6);
    }

    @Test
    void aChangedQuotaStartsAFullBucket() {
        assertThat(rate.tryTake("t", 10, 10)).isZero();

        assertThat(rate.tryTake("t", 20, 20)).isZero();
    }
}
