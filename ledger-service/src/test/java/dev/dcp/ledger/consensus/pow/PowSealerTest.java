package dev.dcp.ledger.consensus.pow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.ledger.consensus.Members;
import dev.dcp.ledger.consensus.Members.Member;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowSealerTest {

    private static final int DIFFICULTY = 8;
    private static final String PREV = "4e".repeat(32);

    private final Member miner = Members.member("miner", 1);
    private final Member other = Members.member("other", 1);
    private final PowSealer sealer = new PowSealer(miner.validator(), DIFFICULTY);

    private static boolean belowTarget(String hash, int difficulty) {
        return new BigInteger(hash, 16).compareTo(BigInteger.ONE.shiftLeft(256 - difficulty)) < 0;
    }

    private BlockHeader cut(String proposer, String consensus, int difficulty) {
        return Members.header(5, PREV, proposer, consensus, difficulty, 0);
    }

    @Test
    void theMinerProposesEveryHeightAndCommitsAlone() {
        assertThat(sealer.consensus()).isEqualTo("pow");
        assertThat(sealer.difficulty()).isEqualTo(DIFFICULTY);
        assertThat(sealer.collectsVotes()).isFalse();
        assertThat(sealer.proposerFor(0, BlockHeader.GENESIS_PREV_HASH)).isEqualTo(miner.key());
        assertThat(sealer.proposerFor(77, PREV)).isEqualTo(miner.key());
    }

    @Test
    void sealingMinesTheHeaderBelowTheTargetChangingOnlyTheNonce() {
        BlockHeader header = cut(miner.key(), "pow", DIFFICULTY);

        BlockHeader sealed = sealer.seal(header);

        assertThat(belowTarget(sealed.hash(), DIFFICULTY)).isTrue();
        assertThat(sealed).isEqualTo(header.withNonce(sealed.nonce()));
    }

    @Test
    void theMinersOwnSignatureCommitsAndNoOtherDoes() {
        BlockHeader sealed = sealer.seal(cut(miner.key(), "pow", DIFFICULTY));
        String hash = sealed.hash();
        BlockSignature own = miner.sign(hash);

        assertThat(sealer.commitWith(sealed, hash, List.of(other.sign(hash), own)))
                .contains(List.of(own));
        assertThat(sealer.commitWith(sealed, hash, List.of(other.sign(hash)))).isEmpty();
        assertThat(sealer.commitWith(sealed, hash, List.of(Members.signatureOverOtherHash(miner, hash))))
                .isEmpty();
    }

    @Test
    void aMinedBlockSignedByTheMinerPassesTheSealCheck() {
        BlockHeader sealed = sealer.seal(cut(miner.key(), "pow", DIFFICULTY));

        assertThat(sealer.checkSeal(sealed, sealed.hash(), List.of(miner.sign(sealed.hash()))))
                .isEmpty();
    }

    @Test
    void aBlockWhoseHashIsNotBelowTheTargetIsRejectedEvenIfProperlySigned() {
        BlockHeader header = cut(miner.key(), "pow", DIFFICULTY);
        long nonce = 0;
        while (belowTarget(header.withNonce(nonce).hash(), DIFFICULTY)) {
            nonce++;
        }
        BlockHeader unmined = header.withNonce(nonce);

        assertThat(sealer.checkSeal(unmined, unmined.hash(), List.of(miner.sign(unmined.hash()))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("not below 2^(256-8)"));
    }

    @Test
    void aBlockMinedAtAnotherDifficultyThanTheConfiguredOneIsRejected() {
        BlockHeader easier = ProofOfWork.mine(cut(miner.key(), "pow", DIFFICULTY - 4));
        BlockHeader harder = ProofOfWork.mine(cut(miner.key(), "pow", DIFFICULTY + 2));

        assertThat(sealer.checkSeal(easier, easier.hash(), List.of(miner.sign(easier.hash()))))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("difficulty is 4").contains("requires 8"));
        assertThat(sealer.checkSeal(harder, harder.hash(), List.of(miner.sign(harder.hash()))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("difficulty is 10"));
    }

    @Test
    void aMinedBlockDeclaringAnotherConsensusIsRejected() {
        BlockHeader solo = ProofOfWork.mine(cut(miner.key(), "solo", DIFFICULTY));

        assertThat(sealer.checkSeal(solo, solo.hash(), List.of(miner.sign(solo.hash()))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("consensus is solo"));
    }

    @Test
    void aBlockMinedAndSignedByAnotherMinerIsRejected() {
        BlockHeader foreign = ProofOfWork.mine(cut(other.key(), "pow", DIFFICULTY));

        assertThat(sealer.checkSeal(foreign, foreign.hash(), List.of(other.sign(foreign.hash()))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("proposer"));
    }

    @Test
    void aMinedBlockWithMissingExtraOrInvalidSignaturesIsRejected() {
        BlockHeader sealed = sealer.seal(cut(miner.key(), "pow", DIFFICULTY));
        String hash = sealed.hash();

        assertThat(sealer.checkSeal(sealed, hash, List.of())).isPresent();
        assertThat(sealer.checkSeal(sealed, hash, List.of(miner.sign(hash), other.sign(hash))))
                .isPresent();
        assertThat(sealer.checkSeal(sealed, hash, List.of(other.sign(hash)))).isPresent();
        assertThat(sealer.checkSeal(sealed, hash, List.of(Members.signatureOverOtherHash(miner, hash))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("does not verify"));
    }

    @Test
    void aDifficultyOutsideZeroTo255IsRefused() {
        assertThatThrownBy(() -> new PowSealer(miner.validator(), 256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PowSealer(miner.validator(), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHashOneBitShortOfTheTargetIsRejected() {
        BlockHeader header = cut(miner.key(), "pow", DIFFICULTY);
        BigInteger target = BigInteger.TWO.pow(256 - DIFFICULTY);
        long nonce = 0;
        while (true) { // a nonce whose hash is in [2^248, 2^249): it meets difficulty 7 but not 8
            BigInteger value = new BigInteger(header.withNonce(nonce).hash(), 16);
            if (value.compareTo(target) >= 0 && value.compareTo(target.shiftLeft(1)) < 0) {
                break;
            }
            nonce++;
        }
        BlockHeader almost = header.withNonce(nonce);

        assertThat(sealer.checkSeal(almost, almost.hash(), List.of(miner.sign(almost.hash()))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("not below"));
    }
}
