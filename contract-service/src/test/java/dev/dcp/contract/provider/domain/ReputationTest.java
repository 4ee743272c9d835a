package dev.dcp.contract.provider.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReputationTest {

    @Test
    void aNewWorkerScoresZero() {
        assertThat(new Reputation(0).score()).isEqualTo(0.0);
    }

    @Test
    void oneGoodAnswerScoresAHalf() {
        assertThat(new Reputation(1).score()).isEqualTo(0.5);
    }

    @Test
    void nineGoodAnswersScoreNineTenths() {
        assertThat(new Reputation(9).score()).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void theScoreIsNOverNPlusOne() {
        for (long n = 0; n < 1_000; n++) {
            assertThat(new Reputation(n).score()).as("n=%d", n).isCloseTo(n / (n + 1.0), within(1e-15));
        }
    }

    @Test
    void theScoreGrowsWithEveryAcceptedAnswerAndStaysBelowOne() {
        Reputation r = new Reputation(0);
        double previous = r.score();
        for (int i = 0; i < 10_000; i++) {
            r = r.accepted(1);
            assertThat(r.score()).isGreaterThan(previous).isLessThan(1.0);
            previous = r.score();
        }
    }

    @Test
    void acceptedAnswersLengthenTheRun() {
        assertThat(new Reputation(3).accepted(4)).isEqualTo(new Reputation(7));
        assertThat(new Reputation(3).accepted(0)).isEqualTo(new Reputation(3));
    }

    @Test
    void aWorkerIsTrustedFromTheThresholdOn() {
        assertThat(new Reputation(9).trusted(10)).isFalse();
        assertThat(new Reputation(10).trusted(10)).isTrue();
        assertThat(new Reputation(11).trusted(10)).isTrue();
    }

    @Test
    void aThresholdOfZeroTrustsEvenANewWorker() {
        assertThat(new Reputation(0).trusted(0)).isTrue();
    }

    @Test
    void anOutvotedAnswerResetsTheRunToZero() {
        Reputation caught = new Reputation(1_000).outvoted();

        assertThat(caught).isEqualTo(new Reputation(0));
        assertThat(caught.score()).isEqualTo(0.0);
        assertThat(caught.trusted(1)).isFalse();
    }

    @Test
    void aNegativeRunIsRejected() {
        assertThatThrownBy(() -> new Reputation(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRunThatWouldOverflowIsRejected() {
        assertThatThrownBy(() -> new Reputation(Long.MAX_VALUE).accepted(1)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void theScoreOfTheLongestRunIsStillBetweenZeroAndOne() {
        assertThat(new Reputation(Long.MAX_VALUE).score()).isBetween(0.0, 1.0);
    }

    @Test
    void aNegativeCountOfAcceptedAnswersIsRejected() {
        assertThatThrownBy(() -> new Reputation(5).accepted(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProviderWithoutWorkersHasAReputationOfZero() {
        assertThat(Reputation.meanScore(List.of())).isEqualTo(0.0);
    }

    @Test
    void aProvidersReputationIsTheMeanOfItsWorkersScores() {
        // 0, 1/2 and 9/10
        assertThat(Reputation.meanScore(List.of(new Reputation(0), new Reputation(1), new Reputation(9))))
                .isCloseTo((0.0 + 0.5 + 0.9) / 3, within(1e-12));
    }
}
