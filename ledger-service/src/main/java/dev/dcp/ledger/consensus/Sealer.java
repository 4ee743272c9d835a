package dev.dcp.ledger.consensus;

import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import java.util.List;

/** Turns the header a replica cut into a committed block under one consensus mode. */
public interface Sealer {

    record Sealed(BlockHeader header, String hash, List<BlockSignature> signatures) {
    }

    String consensus();

    /** The proposer of the block at {@code height} after {@code prevHash}: the same on every honest replica. */
    String proposerFor(long height, String prevHash);

    Sealed seal(BlockHeader header);

    /** Whether a stored block's seal and signatures hold. */
    boolean verifySeal(BlockHeader header, List<BlockSignature> signatures);
}
