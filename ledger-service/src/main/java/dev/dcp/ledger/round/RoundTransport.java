package dev.dcp.ledger.round;

import dev.dcp.ledger.chain.Block;
import dev.dcp.ledger.consensus.Vote;

/** The round's outgoing side: what it publishes and what it commits. The ingest loop implements it over Kafka. */
public interface RoundTransport {

    /** Publishes this replica's vote for the block it cut, for the other validators. */
    void sendVote(Vote vote);

    /** Publishes a cut marker stamped {@code timestamp} on the transaction topic, so every replica cuts there. */
    void sendCutMarker(long timestamp);

    /** Stores the block with the topic offset it consumed up to, then announces it; a failure must be thrown. */
    void commit(Block block, long lastOffset);
}
