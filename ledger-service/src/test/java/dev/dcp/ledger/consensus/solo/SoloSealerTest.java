package dev.dcp.ledger.consensus.solo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.ledger.consensus.Members;
import dev.dcp.ledger.consensus.Members.Member;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoloSealerTest {

    private static final String PREV = "9f".repeat(32);

    private final Member self = Members.member("validator-0", 1);
    private final Member other = Members.member("validator-1", 1);
    private final SoloSealer sealer = new SoloSealer(self.validator());

    private BlockHeader cut(long height) {
        return Members.header(height, PREV, self.key(), "solo", 0, 0);
    }

    @Test
    void theOneValidatorProposesEveryHeight() {
        for (long h = 0; h < 20; h++) {
            assertThat(sealer.proposerFor(h, String.format("%064x", h * 7919))).isEqualTo(self.key());
        }
        assertThat(sealer.proposerFor(1_000_000, PREV)).isEqualTo(self.key());
        assertThat(sealer.validators().ordered()).containsExactly(self.validator());
    }

    @Test
    void soloIsNamedSoloHasNoDifficultyCommitsAloneAndSealsAHeaderUnchanged() {
        BlockHeader header = cut(3);

        assertThat(sealer.consensus()).isEqualTo("solo");
        assertThat(sealer.difficulty()).isZero();
        assertThat(sealer.collectsVotes()).isFalse();
        assertThat(sealer.seal(header)).isEqualTo(header);
    }

    @Test
    void itsOwnValidSignatureCommitsTheBlock() {
        BlockHeader header = cut(3);
        String hash = header.hash();
        BlockSignature own = self.sign(hash);

        assertThat(sealer.commitWith(header, hash, List.of(other.sign(hash), own)))
                .contains(List.of(own));
    }

    @Test
    void anotherValidatorsSignatureOrAnOwnSignatureOverAnotherHashDoesNotCommit() {
        BlockHeader header = cut(3);
        String hash = header.hash();

        assertThat(sealer.commitWith(header, hash, List.of(other.sign(hash)))).isEmpty();
        assertThat(sealer.commitWith(header, hash, List.of(Members.signatureOverOtherHash(self, hash))))
                .isEmpty();
        assertThat(sealer.commitWith(header, hash, List.of())).isEmpty();
    }

    @Test
    void aBlockSignedByItsValidatorPassesTheSealCheck() {
        BlockHeader header = cut(3);
        String hash = header.hash();

        assertThat(sealer.checkSeal(header, hash, List.of(self.sign(hash)))).isEmpty();
    }

    @Test
    void aBlockDeclaringAnotherConsensusIsRejected() {
        BlockHeader header = Members.header(3, PREV, self.key(), "pos", 0, 0);
        String hash = header.hash();

        assertThat(sealer.checkSeal(header, hash, List.of(self.sign(hash))))
                .hasValueSatisfying(reason ->
                        assertThat(reason).contains("consensus").contains("pos").contains("solo"));
    }

    @Test
    void aNonzeroDifficultyOrNonceIsRejected() {
        BlockHeader withDifficulty = Members.header(3, PREV, self.key(), "solo", 1, 0);
        BlockHeader withNonce = Members.header(3, PREV, self.key(), "solo", 0, 17);

        assertThat(sealer.checkSeal(withDifficulty, withDifficulty.hash(), List.of(self.sign(withDifficulty.hash()))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("difficulty and nonce"));
        assertThat(sealer.checkSeal(withNonce, withNonce.hash(), List.of(self.sign(withNonce.hash()))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("difficulty and nonce"));
    }

    @Test
    void aBlockProposedAndSignedBySomeoneElseIsRejected() {
        BlockHeader header = Members.header(3, PREV, other.key(), "solo", 0, 0);
        String hash = header.hash();

        assertThat(sealer.checkSeal(header, hash, List.of(other.sign(hash))))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("proposer").contains(other.key()));
    }

    @Test
    void aMissingAnExtraOrAForeignSignatureIsRejected() {
        BlockHeader header = cut(3);
        String hash = header.hash();

        assertThat(sealer.checkSeal(header, hash, List.of()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("exactly its proposer's signature"));
        assertThat(sealer.checkSeal(header, hash, List.of(self.sign(hash), other.sign(hash))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("exactly its proposer's signature"));
        assertThat(sealer.checkSeal(header, hash, List.of(self.sign(hash), self.sign(hash))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("exactly its proposer's signature"));
        assertThat(sealer.checkSeal(header, hash, List.of(other.sign(hash))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("exactly its proposer's signature"));
    }

    @Test
    void aProposerSignatureThatDoesNotVerifyIsRejected() {
        BlockHeader header = cut(3);
        String hash = header.hash();
        BlockSignature byOtherKeyClaimingSelf =
                new BlockSignature("validator-0", self.key(), other.sign(hash).signature());

        assertThat(sealer.checkSeal(header, hash, List.of(Members.signatureOverOtherHash(self, hash))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("does not verify"));
        assertThat(sealer.checkSeal(header, hash, List.of(byOtherKeyClaimingSelf)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("does not verify"));
    }

    @Test
    void aSignatureOverTheHeaderIsCheckedAgainstTheHashGivenNotAnotherOne() {
        BlockHeader header = cut(3);
        BlockHeader altered = cut(4);

        assertThat(sealer.checkSeal(header, header.hash(), List.of(self.sign(altered.hash()))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("does not verify"));
    }

    @Test
    void aSignatureWithoutPublicKeyIsRejectedWithAReason() {
        BlockHeader header = cut(3);
        String hash = header.hash();
        BlockSignature keyless = new BlockSignature("v", null, self.sign(hash).signature());

        assertThat(sealer.checkSeal(header, hash, List.of(keyless)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("exactly its proposer's signature"));
    }
}
