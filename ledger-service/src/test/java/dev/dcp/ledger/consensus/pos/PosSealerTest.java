package dev.dcp.ledger.consensus.pos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.ledger.consensus.Members;
import dev.dcp.ledger.consensus.Members.Member;
import dev.dcp.ledger.consensus.Validator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PosSealerTest {

    private final Random random = new Random(7);
    private final List<Member> members = Members.withPowers(100, 300, 50, 550);
    private final List<Validator> validators =
            members.stream().map(Member::validator).toList();
    private final PosSealer sealer = new PosSealer(Members.setOf(members));
    private final String prev = randomHash();
    private final long height = 12;

    private String randomHash() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Hashes.hex(b);
    }

    private Member proposer() {
        String key = ReferenceLottery.draw(validators, prev, height).publicKey();
        return members.stream().filter(m -> m.key().equals(key)).findFirst().orElseThrow();
    }

    private Member notProposer() {
        return members.stream()
                .filter(m -> !m.key().equals(proposer().key()))
                .findFirst()
                .orElseThrow();
    }

    private BlockHeader cut(String proposerKey) {
        return Members.header(height, prev, proposerKey, "pos", 0, 0);
    }

    @Test
    void theProposerOfEachHeightIsTheLotteryWinner() {
        for (int i = 0; i < 300; i++) {
            String p = randomHash();
            long h = i + 1L;

            assertThat(sealer.proposerFor(h, p))
                    .isEqualTo(ReferenceLottery.draw(validators, p, h).publicKey());
        }
    }

    @Test
    void posCollectsVotesAndHasNoDifficulty() {
        assertThat(sealer.consensus()).isEqualTo("pos");
        assertThat(sealer.collectsVotes()).isTrue();
        assertThat(sealer.difficulty()).isZero();
        BlockHeader header = cut(proposer().key());
        assertThat(sealer.seal(header)).isEqualTo(header);
    }

    @Test
    void theProposersValidSignatureCommitsTheBlockAndIsTheOnlyOneKept() {
        BlockHeader header = cut(proposer().key());
        String hash = header.hash();
        BlockSignature byProposer = proposer().sign(hash);

        assertThat(sealer.commitWith(header, hash, List.of(notProposer().sign(hash), byProposer)))
                .contains(List.of(byProposer));
    }

    @Test
    void anotherValidatorsValidSignatureAloneDoesNotCommit() {
        BlockHeader header = cut(proposer().key());
        String hash = header.hash();
        List<BlockSignature> allButProposer = members.stream()
                .filter(m -> !m.key().equals(proposer().key()))
                .map(m -> m.sign(hash))
                .toList();

        assertThat(sealer.commitWith(header, hash, allButProposer)).isEmpty();
    }

    @Test
    void aProposerSignatureOverAnotherHashDoesNotCommit() {
        BlockHeader header = cut(proposer().key());
        String hash = header.hash();

        assertThat(sealer.commitWith(header, hash, List.of(Members.signatureOverOtherHash(proposer(), hash))))
                .isEmpty();
    }

    @Test
    void aBlockSignedByTheLotteryWinnerPassesTheSealCheck() {
        BlockHeader header = cut(proposer().key());
        String hash = header.hash();

        assertThat(sealer.checkSeal(header, hash, List.of(proposer().sign(hash))))
                .isEmpty();
    }

    @Test
    void aBlockProposedAndSignedByAValidatorTheLotteryDidNotDrawIsRejected() {
        BlockHeader header = cut(notProposer().key());
        String hash = header.hash();

        assertThat(sealer.checkSeal(header, hash, List.of(notProposer().sign(hash))))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("proposer").contains("height 12"));
    }

    @Test
    void aBlockDeclaringAnotherConsensusOrANonzeroDifficultyOrNonceIsRejected() {
        String key = proposer().key();
        BlockHeader bft = Members.header(height, prev, key, "bft", 0, 0);
        BlockHeader difficulty = Members.header(height, prev, key, "pos", 3, 0);
        BlockHeader nonce = Members.header(height, prev, key, "pos", 0, 9);

        assertThat(sealer.checkSeal(bft, bft.hash(), List.of(proposer().sign(bft.hash()))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("consensus is bft"));
        assertThat(sealer.checkSeal(
                        difficulty, difficulty.hash(), List.of(proposer().sign(difficulty.hash()))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("difficulty and nonce"));
        assertThat(sealer.checkSeal(nonce, nonce.hash(), List.of(proposer().sign(nonce.hash()))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("difficulty and nonce"));
    }

    @Test
    void aMissingExtraOrForeignSignatureIsRejected() {
        BlockHeader header = cut(proposer().key());
        String hash = header.hash();

        assertThat(sealer.checkSeal(header, hash, List.of()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("exactly its proposer's signature"));
        assertThat(sealer.checkSeal(
                        header,
                        hash,
                        List.of(proposer().sign(hash), notProposer().sign(hash))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("exactly its proposer's signature"));
        assertThat(sealer.checkSeal(header, hash, List.of(notProposer().sign(hash))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("exactly its proposer's signature"));
    }

    @Test
    void aProposerSignatureThatDoesNotVerifyIsRejected() {
        BlockHeader header = cut(proposer().key());
        String hash = header.hash();
        BlockSignature forged = new BlockSignature(
                proposer().validator().id(),
                proposer().key(),
                notProposer().sign(hash).signature());

        assertThat(sealer.checkSeal(header, hash, List.of(forged)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("does not verify"));
        assertThat(sealer.checkSeal(header, hash, List.of(Members.signatureOverOtherHash(proposer(), hash))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("does not verify"));
    }

    @Test
    void aSignatureWithoutPublicKeyIsRejectedWithAReason() {
        BlockHeader header = cut(proposer().key());
        String hash = header.hash();
        BlockSignature keyless =
                new BlockSignature("v", null, proposer().sign(hash).signature());

        assertThat(sealer.checkSeal(header, hash, List.of(keyless)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("exactly its proposer's signature"));
    }
}
