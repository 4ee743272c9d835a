package dev.dcp.ledger.audit;

import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.ledger.chain.ChainTip;
import dev.dcp.ledger.chain.StoredBlock;
import dev.dcp.ledger.consensus.Sealer;
import java.util.List;
import java.util.Optional;

/** Walks the whole stored chain from genesis and reports the first block that does not hold. */
public class ChainVerification {

    /** The outcome, as {@code GET /api/v1/ledger/verify} returns it. */
    public record Result(boolean valid, long height, long checkedBlocks, Long firstInvalidHeight, String reason) {}

    private static final int PAGE = 200;

    private final StoredChain store;
    private final Sealer sealer;

    public ChainVerification(StoredChain store, Sealer sealer) {
        this.store = store;
        this.sealer = sealer;
    }

    public Result verify() {
        long expected = 0;
        String prevHash = BlockHeader.GENESIS_PREV_HASH;
        while (true) {
            List<StoredBlock> page = store.storedBlocks(expected, PAGE);
            if (page.isEmpty()) {
                return new Result(true, expected - 1, expected, null, null);
            }
            for (StoredBlock block : page) {
                Optional<String> problem = BlockAudit.check(sealer, block, expected, prevHash);
                if (problem.isPresent()) {
                    long tip = store.tip().map(ChainTip::height).orElse(expected);
                    return new Result(false, tip, expected, expected, problem.get());
                }
                prevHash = block.storedHash();
                expected++;
            }
        }
    }
}
