package dev.dcp.ledger.consensus.bft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.ledger.consensus.Members;
import dev.dcp.ledger.consensus.Members.Member;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BftSealerTest {

    private static final String PREV = "7a".repeat(32);

    private final List<Member> members = Members.equal(4);
    private final List<Member> byKey = Members.byKey(members);
    private final BftSealer sealer = new BftSealer(Members.setOf(members));

    private BlockHeader cut(long height) {
        return Members.header(height, PREV, byKey.get((int) (height % 4)).key(), "bft", 0, 0);
    }

    private static List<BlockSignature> signatures(String hash, Member... signers) {
        List<BlockSignature> out = new ArrayList<>();
        for (Member m : signers) {
            out.add(m.sign(hash));
        }
        return out;
    }

    @Test
    void proposersTakeTurnsInPublicKeyOrderWhateverThePrevHash() {
        for (long h = 0; h < 12; h++) {
            assertThat(sealer.proposerFor(h, PREV))
                    .isEqualTo(byKey.get((int) (h % 4)).key());
            assertThat(sealer.proposerFor(h, "00".repeat(32)))
                    .isEqualTo(byKey.get((int) (h % 4)).key());
        }
    }

    @Test
    void bftCollectsVotesHasNoDifficultyAndSealsAHeaderUnchanged() {
        BlockHeader header = cut(1);

        assertThat(sealer.consensus()).isEqualTo("bft");
        assertThat(sealer.collectsVotes()).isTrue();
        assertThat(sealer.difficulty()).isZero();
        assertThat(sealer.seal(header)).isEqualTo(header);
    }

    @Test
    void threeOfFourVotesCommitTheBlockWithThoseSignatures() {
        BlockHeader header = cut(5);
        String hash = header.hash();
        List<BlockSignature> three = signatures(hash, members.get(0), members.get(1), members.get(3));

        assertThat(sealer.commitWith(header, hash, three))
                .hasValueSatisfying(sigs -> assertThat(sigs).containsExactlyInAnyOrderElementsOf(three));
    }

    @Test
    void twoOfFourVotesDoNotCommit() {
        BlockHeader header = cut(5);
        String hash = header.hash();

        assertThat(sealer.commitWith(header, hash, signatures(hash, members.get(0), members.get(2))))
                .isEmpty();
    }

    @Test
    void theCommittedCertificateLeavesOutInvalidAndForeignVotes() {
        BlockHeader header = cut(5);
        String hash = header.hash();
        List<BlockSignature> votes = new ArrayList<>(signatures(hash, members.get(0), members.get(1), members.get(2)));
        votes.add(Members.signatureOverOtherHash(members.get(3), hash));
        votes.add(Members.member("outsider", 1).sign(hash));

        assertThat(sealer.commitWith(header, hash, votes))
                .hasValueSatisfying(sigs -> assertThat(sigs).containsExactlyInAnyOrderElementsOf(votes.subList(0, 3)));
    }

    @Test
    void aBlockWithAQuorumCertificateFromItsRoundRobinProposerPassesTheSealCheck() {
        BlockHeader header = cut(6);
        String hash = header.hash();

        assertThat(sealer.checkSeal(header, hash, signatures(hash, members.get(0), members.get(1), members.get(2))))
                .isEmpty();
        assertThat(sealer.checkSeal(header, hash, signatures(hash, members.toArray(Member[]::new))))
                .isEmpty();
    }

    @Test
    void aCertificateShortOfTheQuorumIsRejected() {
        BlockHeader header = cut(6);
        String hash = header.hash();

        assertThat(sealer.checkSeal(header, hash, signatures(hash, members.get(0), members.get(1))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("2/3"));
        assertThat(sealer.checkSeal(header, hash, List.of()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("2/3"));
    }

    @Test
    void aCertificateWhoseSignaturesOnlyReachTheQuorumCountingAnInvalidOneIsRejected() {
        BlockHeader header = cut(6);
        String hash = header.hash();
        List<BlockSignature> sigs = new ArrayList<>(signatures(hash, members.get(0), members.get(1)));
        sigs.add(Members.signatureOverOtherHash(members.get(2), hash));

        assertThat(sealer.checkSeal(header, hash, sigs))
                .hasValueSatisfying(reason -> assertThat(reason).contains("2/3"));
    }

    @Test
    void aQuorumCertificateThatAlsoCarriesAnInvalidSignatureIsRejected() {
        BlockHeader header = cut(6);
        String hash = header.hash();
        List<BlockSignature> sigs = new ArrayList<>(signatures(hash, members.get(0), members.get(1), members.get(2)));
        sigs.add(Members.signatureOverOtherHash(members.get(3), hash));

        assertThat(sealer.checkSeal(header, hash, sigs))
                .hasValueSatisfying(reason -> assertThat(reason).contains("invalid, repeated or not a validator's"));
    }

    @Test
    void aQuorumCertificateThatAlsoCarriesANonMembersSignatureIsRejected() {
        BlockHeader header = cut(6);
        String hash = header.hash();
        List<BlockSignature> sigs = new ArrayList<>(signatures(hash, members.get(0), members.get(1), members.get(2)));
        sigs.add(Members.member("outsider", 1).sign(hash));

        assertThat(sealer.checkSeal(header, hash, sigs))
                .hasValueSatisfying(reason -> assertThat(reason).contains("invalid, repeated or not a validator's"));
    }

    @Test
    void aQuorumCertificateWithARepeatedSignatureIsRejected() {
        BlockHeader header = cut(6);
        String hash = header.hash();
        List<BlockSignature> sigs = new ArrayList<>(signatures(hash, members.get(0), members.get(1), members.get(2)));
        sigs.add(sigs.get(0));

        assertThat(sealer.checkSeal(header, hash, sigs))
                .hasValueSatisfying(reason -> assertThat(reason).contains("invalid, repeated or not a validator's"));
    }

    @Test
    void aBlockFromAProposerOutOfTurnIsRejectedEvenWithAFullCertificate() {
        BlockHeader header = Members.header(6, PREV, byKey.get(3).key(), "bft", 0, 0); // 6 % 4 = 2, not 3
        String hash = header.hash();

        assertThat(sealer.checkSeal(header, hash, signatures(hash, members.toArray(Member[]::new))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("proposer"));
    }

    @Test
    void aBlockDeclaringAnotherConsensusOrANonzeroDifficultyOrNonceIsRejected() {
        String proposer = byKey.get(2).key();
        BlockHeader pos = Members.header(6, PREV, proposer, "pos", 0, 0);
        BlockHeader difficulty = Members.header(6, PREV, proposer, "bft", 2, 0);
        BlockHeader nonce = Members.header(6, PREV, proposer, "bft", 0, 1);

        assertThat(sealer.checkSeal(pos, pos.hash(), signatures(pos.hash(), members.toArray(Member[]::new))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("consensus is pos"));
        assertThat(sealer.checkSeal(
                        difficulty, difficulty.hash(), signatures(difficulty.hash(), members.toArray(Member[]::new))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("difficulty and nonce"));
        assertThat(sealer.checkSeal(nonce, nonce.hash(), signatures(nonce.hash(), members.toArray(Member[]::new))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("difficulty and nonce"));
    }
}
