package dev.dcp.ledger.round;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.ledger.consensus.Members;
import dev.dcp.ledger.consensus.Members.Member;
import dev.dcp.ledger.consensus.ValidatorSet;
import dev.dcp.ledger.consensus.Vote;
import dev.dcp.ledger.consensus.VoteBook;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoteValidatorTest {

    static final String HASH = "ab".repeat(32);
    static final String OTHER = "cd".repeat(32);

    final List<Member> members = Members.equal(4);
    final ValidatorSet validators = Members.setOf(members);
    final VoteValidator validator = new VoteValidator(validators);
    final VoteBook book = new VoteBook(validators);

    Vote vote(int member, long height, String hash) {
        Member m = members.get(member);
        return Vote.cast(height, hash, m.validator().id(), m.keys());
    }

    @Test
    void aValidatorsCorrectlySignedFirstVoteIsAccepted() {
        assertThat(validator.check(vote(0, 5, HASH), 4, book)).isEqualTo(VoteVerdict.ACCEPTED);
    }

    @Test
    void aVoteForAHeightAboveTheNextIsAcceptedForWhenTheReplicaGetsThere() {
        assertThat(validator.check(vote(0, 40, HASH), 4, book)).isEqualTo(VoteVerdict.ACCEPTED);
    }

    @Test
    void aVoteWithoutAHashIsMalformed() {
        Vote v = vote(0, 5, HASH);
        Vote noHash = new Vote(5, null, v.validator(), v.publicKey(), v.signature());
        assertThat(validator.check(noHash, 4, book)).isEqualTo(VoteVerdict.MALFORMED);
    }

    @Test
    void aVoteAWholeWindowBelowTheTipIsStaleAndOneJustInsideIsNot() {
        assertThat(validator.check(vote(0, 100 - VoteValidator.WINDOW, HASH), 100, book))
                .isEqualTo(VoteVerdict.STALE);
        assertThat(validator.check(vote(0, 100 - VoteValidator.WINDOW + 1, HASH), 100, book))
                .isEqualTo(VoteVerdict.ACCEPTED);
    }

    @Test
    void aVoteFromAKeyOutsideTheValidatorSetIsRejected() {
        Member stranger = Members.member("validator-x", 1);
        Vote v = Vote.cast(5, HASH, "validator-x", stranger.keys());
        assertThat(validator.check(v, 4, book)).isEqualTo(VoteVerdict.NOT_A_VALIDATOR);
    }

    @Test
    void aVoteWhoseSignatureIsOverAnotherHashIsRejected() {
        Vote overOther = vote(0, 5, OTHER);
        Vote claimed = new Vote(5, HASH, overOther.validator(), overOther.publicKey(), overOther.signature());
        assertThat(validator.check(claimed, 4, book)).isEqualTo(VoteVerdict.BAD_SIGNATURE);
    }

    @Test
    void aVoteInAnotherValidatorsNameSignedWithTheWrongKeyIsRejected() {
        Vote mine = vote(1, 5, HASH);
        Vote forged = new Vote(5, HASH, "validator-0", members.get(0).key(), mine.signature());
        assertThat(validator.check(forged, 4, book)).isEqualTo(VoteVerdict.BAD_SIGNATURE);
    }

    @Test
    void theVoteAlreadyRecordedIsADuplicate() {
        Vote v = vote(0, 5, HASH);
        book.record(v);
        assertThat(validator.check(v, 4, book)).isEqualTo(VoteVerdict.DUPLICATE);
    }

    @Test
    void aForgedCopyOfARecordedVoteIsABadSignatureNotADuplicate() {
        Vote v = vote(0, 5, HASH);
        book.record(v);
        Vote forged =
                new Vote(5, HASH, v.validator(), v.publicKey(), vote(1, 5, HASH).signature());
        assertThat(validator.check(forged, 4, book)).isEqualTo(VoteVerdict.BAD_SIGNATURE);
    }

    @Test
    void aSecondCorrectlySignedVoteForAnotherHashAtTheSameHeightIsConflicting() {
        book.record(vote(0, 5, HASH));
        assertThat(validator.check(vote(0, 5, OTHER), 4, book)).isEqualTo(VoteVerdict.CONFLICTING);
        assertThat(validator.check(vote(0, 6, OTHER), 4, book))
                .as("another height")
                .isEqualTo(VoteVerdict.ACCEPTED);
        assertThat(validator.check(vote(1, 5, OTHER), 4, book))
                .as("another validator")
                .isEqualTo(VoteVerdict.ACCEPTED);
    }

    @Test
    void onlyAnAcceptedVoteCountsAsAccepted() {
        assertThat(VoteVerdict.values()).filteredOn(VoteVerdict::accepted).containsExactly(VoteVerdict.ACCEPTED);
    }
}
