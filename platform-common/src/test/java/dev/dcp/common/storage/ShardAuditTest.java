package dev.dcp.common.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.crypto.Ed25519;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShardAuditTest {

    private static final int LENGTH = 40 * ShardTree.LEAF_BYTES + 123;

    private final Ed25519.KeyPair worker = Ed25519.generate();
    private final byte[] shard = randomShard();
    private final byte[] root = ShardTree.root(shard);
    private final SplittableRandom random = new SplittableRandom(11);

    @Test
    void aWorkerHoldingTheShardPasses() {
        ShardAudit.Challenge challenge = ShardAudit.challenge("c1", "s1", LENGTH, 4, random);
        ShardAudit.Answer answer = ShardAudit.answer(challenge, "w1", shard, worker);

        ShardAudit.Verdict verdict = judge(challenge, answer);

        assertThat(verdict.passed()).as(verdict.reason()).isTrue();
        assertThat(challenge.leaves()).hasSize(4).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aWorkerWhoseShardHasOneFlippedByteFailsAnyChallenge() {
        byte[] flipped = shard.clone();
        flipped[17 * ShardTree.LEAF_BYTES + 99] ^= 0x01;
        for (int i = 0; i < 20; i++) {
            ShardAudit.Challenge challenge = ShardAudit.challenge("c" + i, "s1", LENGTH, 1, random);
            assertThat(judge(challenge, ShardAudit.answer(challenge, "w1", flipped, worker))
                            .passed())
                    .isFalse();
        }
    }

    @Test
    void aTruncatedShardFails() {
        byte[] truncated = Arrays.copyOf(shard, LENGTH - 200);
        ShardAudit.Challenge challenge = new ShardAudit.Challenge("c", "s1", "00", List.of(0, 40));
        assertThat(judge(challenge, ShardAudit.answer(challenge, "w1", truncated, worker))
                        .passed())
                .isFalse();
    }

    @Test
    void aWorkerWithoutTheShardFailsSayingSo() {
        ShardAudit.Challenge challenge = ShardAudit.challenge("c", "s1", LENGTH, 4, random);
        ShardAudit.Verdict verdict = judge(challenge, ShardAudit.answer(challenge, "w1", null, worker));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reason()).contains("does not hold");
    }

    @Test
    void aWorkerThatKeptOnlySomeLeavesAndTheirPathsIsCaughtByLeavesItDidNotKeep() {
        // it kept leaves 0..9 with their true audit paths and threw the rest of the shard away
        byte[] partial = shard.clone();
        Arrays.fill(partial, 10 * ShardTree.LEAF_BYTES, LENGTH, (byte) 0);
        int caught = 0;
        for (int i = 0; i < 50; i++) {
            ShardAudit.Challenge challenge = ShardAudit.challenge("c" + i, "s1", LENGTH, 8, random);
            List<ShardAudit.ProvenLeaf> kept =
                    ShardAudit.answer(challenge, "w1", shard, worker).leaves();
            List<ShardAudit.ProvenLeaf> guessed =
                    ShardAudit.answer(challenge, "w1", partial, worker).leaves();
            List<ShardAudit.ProvenLeaf> best = new java.util.ArrayList<>();
            for (int l = 0; l < kept.size(); l++) {
                best.add(kept.get(l).index() < 10 ? kept.get(l) : guessed.get(l));
            }
            ShardAudit.Answer unsigned =
                    new ShardAudit.Answer(challenge.challengeId(), "s1", challenge.nonce(), "w1", best, "");
            ShardAudit.Answer answer = new ShardAudit.Answer(
                    challenge.challengeId(),
                    "s1",
                    challenge.nonce(),
                    "w1",
                    best,
                    worker.signHex(unsigned.signedBytes()));
            if (!judge(challenge, answer).passed()) {
                caught++;
            }
        }
        // passing needs all 8 leaves among the 10 of 41 it kept: (10/41)^8 < 1e-5 per audit
        assertThat(caught).isEqualTo(50);
    }

    @Test
    void anOldAnswerReplayedToANewChallengeFails() {
        ShardAudit.Challenge first = ShardAudit.challenge("c1", "s1", LENGTH, 4, random);
        ShardAudit.Answer old = ShardAudit.answer(first, "w1", shard, worker);
        ShardAudit.Challenge second = new ShardAudit.Challenge("c2", "s1", "ffff", first.leaves());
        assertThat(judge(second, old).reason()).contains("another challenge");
    }

    @Test
    void anAnswerNotSignedByThePlacedWorkerFails() {
        ShardAudit.Challenge challenge = ShardAudit.challenge("c", "s1", LENGTH, 4, random);
        ShardAudit.Answer forged = ShardAudit.answer(challenge, "w1", shard, Ed25519.generate());
        assertThat(judge(challenge, forged).reason()).contains("not signed");
        ShardAudit.Answer otherWorker = ShardAudit.answer(challenge, "w2", shard, worker);
        assertThat(judge(challenge, otherWorker).reason()).contains("not by w1");
    }

    @Test
    void answeringOtherLeavesThanAskedFails() {
        ShardAudit.Challenge challenge = new ShardAudit.Challenge("c", "s1", "ab", List.of(3, 7));
        ShardAudit.Challenge easier = new ShardAudit.Challenge("c", "s1", "ab", List.of(3));
        ShardAudit.Answer answer = ShardAudit.answer(easier, "w1", shard, worker);
        assertThat(judge(challenge, answer).reason()).contains("asked");
    }

    private ShardAudit.Verdict judge(ShardAudit.Challenge challenge, ShardAudit.Answer answer) {
        return ShardAudit.judge(challenge, answer, "w1", worker.publicKeyHex(), root, LENGTH);
    }

    private static byte[] randomShard() {
        byte[] bytes = new byte[LENGTH];
        new Random(5).nextBytes(bytes);
        return bytes;
    }
}
