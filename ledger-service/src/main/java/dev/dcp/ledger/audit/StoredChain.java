package dev.dcp.ledger.audit;

import dev.dcp.ledger.chain.ChainTip;
import dev.dcp.ledger.chain.StoredBlock;
import java.util.List;
import java.util.Optional;

/** The stored chain as the auditor reads it: raw blocks by height, and the tip. */
public interface StoredChain {

    /** Up to {@code limit} stored blocks from {@code fromHeight} on, in height order. */
    List<StoredBlock> storedBlocks(long fromHeight, int limit);

    Optional<ChainTip> tip();
}
