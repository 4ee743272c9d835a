package dev.dcp.ledger.round;

import dev.dcp.ledger.chain.Block;
import dev.dcp.ledger.consensus.Vote;
import java.time.Duration;
import java.util.List;

/** What the round reports for operators: nothing here changes what is committed. */
public interface RoundMonitor {

    /** A validator voted for another block than the one committed at that height. */
    void dissent(Vote vote, String committedHash);

    /** The proposal has waited longer than {@code voteTimeout} without a quorum; reported once per proposal. */
    void quorumLate(Block proposed, Duration voteTimeout, List<Vote> dissenting);
}
