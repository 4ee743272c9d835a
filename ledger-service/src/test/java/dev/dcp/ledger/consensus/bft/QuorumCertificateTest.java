package dev.dcp.ledger.consensus.bft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.ledger.consensus.Members;
import dev.dcp.ledger.consensus.Members.Member;
import dev.dcp.ledger.consensus.ValidatorSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuorumCertificateTest {

    private static final String HASH = "c0ffee".repeat(10) + "abcd";

    private final List<Member> four = Members.equal(4);
    private final ValidatorSet set = Members.setOf(four);

    private List<BlockSignature> signedBy(List<Member> members, int... indexes) {
        return java.util.Arrays.stream(indexes)
                .mapToObj(i -> members.get(i).sign(HASH))
                .toList();
    }

    @Test
    void threeValidSignaturesOfFourEqualValidatorsFormACertificate() {
        List<BlockSignature> three = signedBy(four, 0, 2, 3);

        assertThat(QuorumCertificate.form(set, HASH, three)).contains(new QuorumCertificate(HASH, three));
    }

    @Test
    void allFourSignaturesFormACertificateHoldingAllOfThem() {
        List<BlockSignature> all = signedBy(four, 0, 1, 2, 3);

        assertThat(QuorumCertificate.form(set, HASH, all))
                .hasValueSatisfying(qc -> assertThat(qc.signatures()).containsExactlyElementsOf(all));
    }

    @Test
    void twoSignaturesOfFourAreShortOfTheQuorum() {
        assertThat(QuorumCertificate.form(set, HASH, signedBy(four, 1, 3))).isEmpty();
        assertThat(QuorumCertificate.form(set, HASH, List.of())).isEmpty();
    }

    @Test
    void signaturesThatDoNotVerifyAgainstTheHashAreNotCounted() {
        List<BlockSignature> twoValidOneOverOtherHash = List.of(
                four.get(0).sign(HASH), four.get(1).sign(HASH), Members.signatureOverOtherHash(four.get(2), HASH));

        assertThat(QuorumCertificate.form(set, HASH, twoValidOneOverOtherHash)).isEmpty();
    }

    @Test
    void anInvalidSignatureNextToAQuorumIsLeftOutOfTheCertificate() {
        BlockSignature bad = Members.signatureOverOtherHash(four.get(3), HASH);
        List<BlockSignature> valid = signedBy(four, 0, 1, 2);
        List<BlockSignature> mixed = List.of(valid.get(0), bad, valid.get(1), valid.get(2));

        assertThat(QuorumCertificate.form(set, HASH, mixed))
                .hasValueSatisfying(qc -> assertThat(qc.signatures()).containsExactlyElementsOf(valid));
    }

    @Test
    void aValidatorSigningTwiceCountsOnce() {
        BlockSignature a = four.get(0).sign(HASH);
        BlockSignature b = four.get(1).sign(HASH);

        assertThat(QuorumCertificate.form(set, HASH, List.of(a, a, b))).isEmpty();
        assertThat(QuorumCertificate.form(
                        set, HASH, List.of(a, b, a, four.get(2).sign(HASH))))
                .hasValueSatisfying(qc -> assertThat(qc.signatures()).hasSize(3).doesNotHaveDuplicates());
    }

    @Test
    void aRepeatedKeyUnderAnotherValidatorNameStillCountsOnce() {
        BlockSignature a = four.get(0).sign(HASH);
        BlockSignature aRenamed = new BlockSignature("someone-else", a.publicKey(), a.signature());

        assertThat(QuorumCertificate.form(
                        set, HASH, List.of(a, aRenamed, four.get(1).sign(HASH))))
                .isEmpty();
    }

    @Test
    void signaturesFromOutsideTheValidatorSetAreNotCounted() {
        Member outsider1 = Members.member("outsider-1", 1);
        Member outsider2 = Members.member("outsider-2", 1);
        List<BlockSignature> twoMembersTwoOutsiders =
                List.of(four.get(0).sign(HASH), four.get(1).sign(HASH), outsider1.sign(HASH), outsider2.sign(HASH));

        assertThat(QuorumCertificate.form(set, HASH, twoMembersTwoOutsiders)).isEmpty();
    }

    @Test
    void theQuorumIsMeasuredInVotingPower() {
        List<Member> weighted = Members.withPowers(5, 1, 1, 1); // total 8
        ValidatorSet weightedSet = Members.setOf(weighted);

        assertThat(QuorumCertificate.form(weightedSet, HASH, signedBy(weighted, 1, 2, 3)))
                .isEmpty(); // 3 of 8
        assertThat(QuorumCertificate.form(weightedSet, HASH, signedBy(weighted, 0)))
                .isEmpty(); // 5 of 8
        assertThat(QuorumCertificate.form(weightedSet, HASH, signedBy(weighted, 0, 3)))
                .isPresent(); // 6 of 8
    }

    @Test
    void fourOfFiveFormACertificateAndThreeOfFiveDoNot() {
        List<Member> five = Members.equal(5);
        ValidatorSet fiveSet = Members.setOf(five);

        assertThat(QuorumCertificate.form(fiveSet, HASH, signedBy(five, 0, 1, 2, 4)))
                .isPresent();
        assertThat(QuorumCertificate.form(fiveSet, HASH, signedBy(five, 0, 1, 2)))
                .isEmpty();
    }
}
