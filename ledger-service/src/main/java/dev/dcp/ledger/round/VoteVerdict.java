package dev.dcp.ledger.round;

/** What the round makes of a vote read from the vote topic. Only an accepted vote is recorded. */
public enum VoteVerdict {

    /** A validator's correctly signed first vote at its height: recorded, and counted for the hash it names. */
    ACCEPTED,

    /** No hash to vote for. */
    MALFORMED,

    /** For a height too far below the tip to matter any more. */
    STALE,

    /** The key is not in the validator set. */
    NOT_A_VALIDATOR,

    /** The very vote already recorded, e.g. this replica's own vote read back from the topic. */
    DUPLICATE,

    /** The validator already voted for another hash at this height: a second vote does not count. */
    CONFLICTING,

    /** The signature does not verify against the hash with the vote's key. */
    BAD_SIGNATURE;

    public boolean accepted() {
        return this == ACCEPTED;
    }
}
