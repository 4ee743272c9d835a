package dev.dcp.ledger.round;

import dev.dcp.ledger.consensus.ValidatorSet;
import dev.dcp.ledger.consensus.Vote;
import dev.dcp.ledger.consensus.VoteBook;
import java.util.Optional;

/**
 * Judges a vote before the round records it. Votes are the only consensus messages: every replica cuts its block
 * from the same topic, so a replica that lies about its block shows as a vote for a hash no honest replica cut,
 * which is recorded (and reported as dissent) but can never gather a quorum. Cheap checks come before the signature.
 */
public final class VoteValidator {

    /** Votes this many heights below the tip and further are stale; the vote book keeps the ones above. */
    public static final int WINDOW = 16;

    private final ValidatorSet validators;

    public VoteValidator(ValidatorSet validators) {
        this.validators = validators;
    }

    /** The verdict on {@code vote} when the tip is at {@code tipHeight} and {@code book} holds the votes so far. */
    public VoteVerdict check(Vote vote, long tipHeight, VoteBook book) {
        if (vote.hash() == null) {
            return VoteVerdict.MALFORMED;
        }
        if (vote.height() <= tipHeight - WINDOW) {
            return VoteVerdict.STALE;
        }
        if (validators.byPublicKey(vote.publicKey()).isEmpty()) {
            return VoteVerdict.NOT_A_VALIDATOR;
        }
        Optional<Vote> earlier = book.voteBy(vote.height(), vote.publicKey());
        if (earlier.isPresent() && earlier.get().equals(vote)) {
            return VoteVerdict.DUPLICATE;
        }
        if (!vote.asSignature().verifies(vote.hash())) {
            return VoteVerdict.BAD_SIGNATURE;
        }
        if (earlier.isPresent() && !earlier.get().hash().equals(vote.hash())) {
            return VoteVerdict.CONFLICTING;
        }
        return VoteVerdict.ACCEPTED;
    }
}
