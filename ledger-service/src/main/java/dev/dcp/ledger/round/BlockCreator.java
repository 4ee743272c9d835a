package dev.dcp.ledger.round;

import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.MerkleTree;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.ledger.chain.Block;
import dev.dcp.ledger.consensus.Sealer;
import java.util.List;

/** Builds and seals the block at a height from its content alone, so every honest replica builds the same one. */
public final class BlockCreator {

    private BlockCreator() {}

    /** Genesis is the same on every replica: nothing in it depends on the replica. */
    public static Block genesis(Sealer sealer) {
        BlockHeader genesis = sealer.seal(new BlockHeader(
                0,
                BlockHeader.GENESIS_PREV_HASH,
                MerkleTree.rootHex(List.of()),
                0,
                0,
                sealer.proposerFor(0, BlockHeader.GENESIS_PREV_HASH),
                sealer.consensus(),
                sealer.difficulty(),
                0));
        return new Block(genesis, genesis.hash(), List.of(), List.of());
    }

    /** The sealed block after {@code prevHash}, still unsigned. */
    public static Block next(Sealer sealer, long height, String prevHash, List<Transaction> content, long timestamp) {
        BlockHeader header = sealer.seal(new BlockHeader(
                height,
                prevHash,
                MerkleTree.rootHex(content.stream().map(Transaction::id).toList()),
                timestamp,
                content.size(),
                sealer.proposerFor(height, prevHash),
                sealer.consensus(),
                sealer.difficulty(),
                0));
        return new Block(header, header.hash(), content, List.of());
    }
}
