package dev.dcp.ledger.round;

import dev.dcp.ledger.chain.Block;

/**
 * A block this replica cut and sealed for the next height, still without the signatures that commit it.
 *
 * @param lastOffset the topic offset of the last record the block consumed, stored with it on commit
 * @param proposedAt when it was proposed (epoch ms), for the slow-quorum report
 */
public record Proposal(Block block, long lastOffset, long proposedAt) {

    public long height() {
        return block.header().height();
    }

    public String hash() {
        return block.hash();
    }
}
