package dev.dcp.ledger.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.ledger.consensus.Members.Member;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValidatorSetTest {

    private static ValidatorSet equalValidators(int n) {
        return Members.setOf(Members.equal(n));
    }

    @Test
    void validatorsAreOrderedByTheirPublicKeysAsUnsignedBytesWhateverTheInputOrder() {
        List<Member> members = new ArrayList<>(Members.equal(8));
        Collections.shuffle(members, new Random(1));

        ValidatorSet set = Members.setOf(members);

        List<String> expected =
                new ArrayList<>(members.stream().map(Member::key).toList());
        expected.sort((a, b) -> Arrays.compareUnsigned(Hashes.unhex(a), Hashes.unhex(b)));
        assertThat(set.ordered()).extracting(Validator::publicKey).containsExactlyElementsOf(expected);
        assertThat(set.size()).isEqualTo(8);
    }

    @Test
    void roundRobinWalksTheKeyOrderAndWrapsAroundWithTheHeight() {
        List<Member> sorted = Members.byKey(Members.equal(3));
        ValidatorSet set = Members.setOf(List.of(sorted.get(2), sorted.get(0), sorted.get(1)));

        assertThat(set.roundRobin(0).publicKey()).isEqualTo(sorted.get(0).key());
        assertThat(set.roundRobin(1).publicKey()).isEqualTo(sorted.get(1).key());
        assertThat(set.roundRobin(2).publicKey()).isEqualTo(sorted.get(2).key());
        assertThat(set.roundRobin(3).publicKey()).isEqualTo(sorted.get(0).key());
        assertThat(set.roundRobin(3_000_000_002L).publicKey())
                .isEqualTo(sorted.get(2).key()); // 3e9+2 = 2 mod 3
    }

    @Test
    void threeOfFourEqualValidatorsAreAQuorumButTwoAreNot() {
        ValidatorSet four = equalValidators(4);

        assertThat(four.isQuorum(3)).isTrue();
        assertThat(four.isQuorum(4)).isTrue();
        assertThat(four.isQuorum(2)).isFalse();
    }

    @Test
    void fourOfFiveEqualValidatorsAreAQuorumButThreeAreNot() {
        ValidatorSet five = equalValidators(5);

        assertThat(five.isQuorum(4)).isTrue();
        assertThat(five.isQuorum(3)).isFalse();
    }

    @Test
    void theSmallestQuorumOfNEqualValidatorsIsTheCeilingOfTwoThirdsOfN() {
        for (int n = 1; n <= 12; n++) {
            ValidatorSet set = equalValidators(n);
            int ceilTwoThirds = (2 * n + 2) / 3;

            assertThat(set.isQuorum(ceilTwoThirds))
                    .as("n=%d, %d signers", n, ceilTwoThirds)
                    .isTrue();
            assertThat(set.isQuorum(ceilTwoThirds - 1))
                    .as("n=%d, %d signers", n, ceilTwoThirds - 1)
                    .isFalse();
        }
    }

    @Test
    void quorumIsMeasuredInVotingPowerNotInHeads() {
        ValidatorSet set = Members.setOf(Members.withPowers(5, 1, 1, 1)); // total 8: quorum needs 3p >= 16

        assertThat(set.totalPower()).isEqualTo(8);
        assertThat(set.isQuorum(5)).isFalse(); // the heavy validator alone: 15 < 16
        assertThat(set.isQuorum(3)).isFalse(); // the three light ones: 9 < 16
        assertThat(set.isQuorum(6)).isTrue(); // heavy + one light: 18 >= 16
    }

    @Test
    void exactlyTwoThirdsOfThePowerIsEnough() {
        ValidatorSet set = Members.setOf(Members.withPowers(2, 1)); // total 3

        assertThat(set.isQuorum(2)).isTrue(); // 6 >= 6
        assertThat(set.isQuorum(1)).isFalse();
    }

    @Test
    void validatorsCanBeLookedUpByPublicKey() {
        List<Member> members = Members.withPowers(7, 9);
        ValidatorSet set = Members.setOf(members);

        assertThat(set.byPublicKey(members.get(1).key()))
                .contains(members.get(1).validator());
        assertThat(set.byPublicKey("00".repeat(32))).isEmpty();
    }

    @Test
    void aPublicKeyListedTwiceIsRefused() {
        Member a = Members.member("a", 1);
        Validator sameKeyOtherId = new Validator("b", a.key(), 3);

        assertThatThrownBy(() -> new ValidatorSet(List.of(a.validator(), sameKeyOtherId)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(a.key());
    }

    @Test
    void anEmptySetAndANonPositivePowerAreRefused() {
        assertThatThrownBy(() -> new ValidatorSet(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Validator("v", "aa".repeat(32), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Validator("v", "aa".repeat(32), -4)).isInstanceOf(IllegalArgumentException.class);
    }
}
