package dev.dcp.ledger.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.ledger.consensus.Members.Member;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VoteBookTest {

    private static final String A = "aa".repeat(32);
    private static final String B = "bb".repeat(32);

    private List<Member> members;
    private VoteBook book;

    @BeforeEach
    void fourValidators() {
        members = Members.equal(4);
        book = new VoteBook(Members.setOf(members));
    }

    private Vote vote(int member, long height, String hash) {
        Member m = members.get(member);
        return Vote.cast(height, hash, m.validator().id(), m.keys());
    }

    @Test
    void aValidatorsCorrectlySignedVoteIsRecordedAndYieldsItsSignature() {
        Vote v = vote(0, 5, A);

        assertThat(book.record(v)).isTrue();

        assertThat(book.signaturesFor(5, A)).containsExactly(v.asSignature());
        assertThat(v.asSignature().verifies(A)).isTrue();
    }

    @Test
    void aVoteWhoseSignatureDoesNotVerifyIsRefused() {
        Vote signedForB = vote(0, 5, B);
        Vote claimsA = new Vote(5, A, signedForB.validator(), signedForB.publicKey(), signedForB.signature());

        assertThat(book.record(claimsA)).isFalse();

        assertThat(book.signaturesFor(5, A)).isEmpty();
        assertThat(book.latestOf(members.get(0).key())).isEmpty();
    }

    @Test
    void aVoteSignedWithAnotherKeyThanTheOneItNamesIsRefused() {
        Vote byOne = vote(1, 5, A);
        Vote claimedByZero = new Vote(5, A, "validator-0", members.get(0).key(), byOne.signature());

        assertThat(book.record(claimedByZero)).isFalse();
        assertThat(book.signaturesFor(5, A)).isEmpty();
    }

    @Test
    void aVoteFromOutsideTheValidatorSetIsRefusedEvenIfItsSignatureVerifies() {
        Member outsider = Members.member("outsider", 1);
        Vote v = Vote.cast(5, A, "outsider", outsider.keys());

        assertThat(v.asSignature().verifies(A)).isTrue();
        assertThat(book.record(v)).isFalse();
        assertThat(book.signaturesFor(5, A)).isEmpty();
        assertThat(book.latestOf(outsider.key())).isEmpty();
    }

    @Test
    void aVoteWithoutHashIsRefused() {
        Vote v = vote(0, 5, A);

        assertThat(book.record(new Vote(5, null, v.validator(), v.publicKey(), v.signature())))
                .isFalse();
    }

    @Test
    void votesAreGroupedByHeightAndHash() {
        Vote zeroA5 = vote(0, 5, A);
        Vote oneA5 = vote(1, 5, A);
        Vote twoB5 = vote(2, 5, B);
        Vote threeA6 = vote(3, 6, A);
        List.of(zeroA5, oneA5, twoB5, threeA6).forEach(book::record);

        assertThat(book.signaturesFor(5, A)).containsExactlyInAnyOrder(zeroA5.asSignature(), oneA5.asSignature());
        assertThat(book.signaturesFor(5, B)).containsExactly(twoB5.asSignature());
        assertThat(book.signaturesFor(6, A)).containsExactly(threeA6.asSignature());
        assertThat(book.signaturesFor(6, B)).isEmpty();
        assertThat(book.signaturesFor(7, A)).isEmpty();
    }

    @Test
    void theSameVoteRecordedTwiceCountsOnce() {
        Vote v = vote(0, 5, A);

        book.record(v);
        book.record(v);

        assertThat(book.signaturesFor(5, A)).hasSize(1);
    }

    @Test
    void dissentersAreTheVotersForAnyOtherHashAtThatHeightOnly() {
        Vote zeroA5 = vote(0, 5, A);
        Vote oneA5 = vote(1, 5, A);
        Vote twoB5 = vote(2, 5, B);
        Vote threeB6 = vote(3, 6, B);
        List.of(zeroA5, oneA5, twoB5, threeB6).forEach(book::record);

        assertThat(book.dissentingFrom(5, A)).containsExactly(twoB5);
        assertThat(book.dissentingFrom(5, B)).containsExactlyInAnyOrder(zeroA5, oneA5);
        assertThat(book.dissentingFrom(6, B)).isEmpty();
        assertThat(book.dissentingFrom(9, A)).isEmpty();
    }

    @Test
    void aValidatorThatVotesForTwoHashesAtOneHeightDissentsFromEach() {
        Vote forA = vote(0, 5, A);
        Vote forB = vote(0, 5, B);
        book.record(forA);
        book.record(forB);

        assertThat(book.dissentingFrom(5, A)).containsExactly(forB);
        assertThat(book.dissentingFrom(5, B)).containsExactly(forA);
    }

    @Test
    void latestOfKeepsTheHighestHeightAValidatorVotedFor() {
        String key = members.get(0).key();

        book.record(vote(0, 10, A));
        assertThat(book.latestOf(key)).contains(new VoteBook.LastVote(10, A));

        book.record(vote(0, 7, B));
        assertThat(book.latestOf(key)).contains(new VoteBook.LastVote(10, A));

        book.record(vote(0, 12, B));
        assertThat(book.latestOf(key)).contains(new VoteBook.LastVote(12, B));

        assertThat(book.latestOf(members.get(1).key())).isEmpty();
    }

    @Test
    void forgetBelowDropsTheVotesOfLowerHeightsButKeepsThatHeightAndTheLatestVotes() {
        Vote at4 = vote(0, 4, A);
        Vote at5 = vote(1, 5, A);
        Vote at6 = vote(2, 6, A);
        List.of(at4, at5, at6).forEach(book::record);

        book.forgetBelow(5);

        assertThat(book.signaturesFor(4, A)).isEmpty();
        assertThat(book.signaturesFor(5, A)).containsExactly(at5.asSignature());
        assertThat(book.signaturesFor(6, A)).containsExactly(at6.asSignature());
        assertThat(book.latestOf(members.get(0).key())).contains(new VoteBook.LastVote(4, A));
    }

    @Test
    void theVoteOfAKeyAtAHeightIsFoundWhateverHashItNames() {
        Vote forB = vote(1, 5, B);
        book.record(vote(0, 5, A));
        book.record(forB);

        assertThat(book.voteBy(5, members.get(1).key())).contains(forB);
        assertThat(book.voteBy(6, members.get(1).key())).as("another height").isEmpty();
        assertThat(book.voteBy(5, members.get(2).key()))
                .as("a validator that did not vote")
                .isEmpty();
    }

    @Test
    void aCastVoteCarriesTheValidatorsIdentityAndConvertsToAnEquivalentBlockSignature() {
        Member m = members.get(2);
        Vote v = Vote.cast(3, A, "validator-2", m.keys());

        assertThat(v.height()).isEqualTo(3);
        assertThat(v.publicKey()).isEqualTo(m.key());
        assertThat(v.asSignature()).isEqualTo(BlockSignature.sign("validator-2", m.keys(), A));
    }
}
