package dev.dcp.ledger.consensus.pos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.ledger.consensus.Members;
import dev.dcp.ledger.consensus.Members.Member;
import dev.dcp.ledger.consensus.Validator;
import dev.dcp.ledger.consensus.ValidatorSet;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StakeLotteryTest {

    private final Random random = new Random(20240611);

    private String randomHash() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Hashes.hex(b);
    }

    private List<Validator> validators(long... weights) {
        return Members.withPowers(weights).stream().map(Member::validator).toList();
    }

    @Test
    void theDrawMatchesTheSpecifiedLotteryOverManyRandomChainsAndHeights() {
        List<Validator> small = validators(3, 1, 4, 1, 5);
        List<Validator> large = validators(2_000_000_000_000L, 7, 31_536_000_000L, 999_999_999_999L);
        List<Validator> equal = validators(1, 1, 1, 1, 1, 1, 1);
        Set<String> winners = new HashSet<>();
        for (List<Validator> list : List.of(small, large, equal)) {
            ValidatorSet set = new ValidatorSet(list);
            for (int i = 0; i < 1500; i++) {
                String prev = randomHash();
                long height = i % 3 == 0 ? i : (random.nextLong() & Long.MAX_VALUE);

                Validator drawn = StakeLottery.draw(set, prev, height);

                assertThat(drawn)
                        .as("prevHash %s height %d", prev, height)
                        .isEqualTo(ReferenceLottery.draw(list, prev, height));
                winners.add(drawn.publicKey());
            }
        }
        assertThat(winners)
                .as("every validator of the small and equal sets wins sometimes")
                .containsAll(small.stream().map(Validator::publicKey).toList())
                .containsAll(equal.stream().map(Validator::publicKey).toList());
    }

    @Test
    void aHandWorkedDrawPicksTheValidatorWhoseCumulativeRangeHoldsTheTicket() throws Exception {
        List<Member> sorted = Members.byKey(Members.withPowers(1, 1, 1, 1));
        List<Validator> weighted = List.of(
                new Validator("a", sorted.get(0).key(), 10),
                new Validator("b", sorted.get(1).key(), 20),
                new Validator("c", sorted.get(2).key(), 30),
                new Validator("d", sorted.get(3).key(), 40));
        String prev = "0".repeat(64);
        long height = 1;
        byte[] message = new byte[40]; // 32 zero bytes, then 1 as 8-byte big-endian
        message[39] = 1;
        int ticket = new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(message))
                .mod(BigInteger.valueOf(100))
                .intValue();
        String expected = ticket < 10 ? "a" : ticket < 30 ? "b" : ticket < 60 ? "c" : "d";

        assertThat(StakeLottery.draw(new ValidatorSet(weighted), prev, height).id())
                .as("ticket %d", ticket)
                .isEqualTo(expected);
    }

    @Test
    void aValidatorWithThreeTimesTheWeightWinsAboutThreeQuartersOfTheDraws() {
        List<Validator> list = validators(1, 3);
        Validator heavy = list.get(1);
        ValidatorSet set = new ValidatorSet(list);
        int heavyWins = 0;
        for (int i = 0; i < 4000; i++) {
            if (StakeLottery.draw(set, randomHash(), i).equals(heavy)) {
                heavyWins++;
            }
        }

        assertThat(heavyWins / 4000.0).isBetween(0.70, 0.80);
    }

    @Test
    void theDrawDependsOnlyOnTheChainHeightAndSetNotOnCallsOrInputOrder() {
        List<Validator> list = validators(5, 8, 13, 21);
        List<Validator> shuffled = new ArrayList<>(list);
        Collections.shuffle(shuffled, random);
        ValidatorSet set = new ValidatorSet(list);
        ValidatorSet sameSetOtherOrder = new ValidatorSet(shuffled);
        for (int i = 0; i < 200; i++) {
            String prev = randomHash();

            Validator first = StakeLottery.draw(set, prev, i);

            assertThat(StakeLottery.draw(set, prev, i)).isEqualTo(first);
            assertThat(StakeLottery.draw(sameSetOtherOrder, prev, i)).isEqualTo(first);
        }
    }

    @Test
    void aSingleValidatorWinsEveryDraw() {
        List<Validator> one = validators(42);
        ValidatorSet set = new ValidatorSet(one);

        for (int i = 0; i < 50; i++) {
            assertThat(StakeLottery.draw(set, randomHash(), i)).isEqualTo(one.get(0));
        }
    }
}
