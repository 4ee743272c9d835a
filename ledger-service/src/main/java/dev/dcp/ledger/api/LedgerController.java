package dev.dcp.ledger.api;

import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.common.web.Paging;
import dev.dcp.common.web.ProblemException;
import dev.dcp.ledger.chain.Block;
import dev.dcp.ledger.chain.ChainStore;
import dev.dcp.ledger.consensus.Sealer;
import dev.dcp.ledger.ingest.LedgerIngest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/ledger")
class LedgerController {

    record Validator(String id, String publicKey, long power) {
    }

    record Status(long height, String lastHash, String consensus, int difficulty, List<Validator> validators,
                  long pendingTransactions) {
    }

    record HeaderView(long height, String prevHash, String merkleRoot, long timestamp, int txCount, String proposer,
                      String consensus, int difficulty, long nonce, String hash) {

        static HeaderView of(BlockHeader h) {
            return new HeaderView(h.height(), h.prevHash(), h.merkleRoot(), h.timestamp(), h.txCount(),
                    h.proposer(), h.consensus(), h.difficulty(), h.nonce(), h.hash());
        }
    }

    record BlockPage(List<HeaderView> items, String nextCursor) {
    }

    record BlockView(long height, String prevHash, String merkleRoot, long timestamp, int txCount, String proposer,
                     String consensus, int difficulty, long nonce, String hash, List<Transaction> transactions,
                     List<BlockSignature> signatures) {
    }

    private final ChainStore store;
    private final Sealer sealer;
    private final LedgerIngest ingest;

    LedgerController(ChainStore store, Sealer sealer, LedgerIngest ingest) {
        this.store = store;
        this.sealer = sealer;
        this.ingest = ingest;
    }

    @GetMapping("/status")
    Status status() {
        ChainStore.Tip tip = store.tip().orElseThrow();
        String validator = sealer.proposerFor(tip.height() + 1, tip.hash());
        return new Status(tip.height(), tip.hash(), sealer.consensus(), 0,
                List.of(new Validator("validator-0", validator, 1)), ingest.pendingTransactions());
    }

    @GetMapping("/blocks")
    BlockPage blocks(@RequestParam(required = false) Long from, @RequestParam(required = false) Integer limit,
                     @RequestParam(required = false) String cursor) {
        int size = Paging.limit(limit);
        long start = from == null ? 0 : from;
        if (cursor != null) {
            try {
                start = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this API issued");
            }
        }
        if (start < 0) {
            throw ProblemException.invalid("from", "must be at least 0");
        }
        List<HeaderView> items = store.headers(start, size + 1).stream().map(HeaderView::of).toList();
        String next = null;
        if (items.size() > size) {
            next = Long.toString(items.get(size).height());
            items = items.subList(0, size);
        }
        return new BlockPage(items, next);
    }

    @GetMapping("/blocks/{height}")
    BlockView block(@PathVariable long height) {
        Block b = store.block(height).orElseThrow(() -> ProblemException.notFound("Block " + height));
        BlockHeader h = b.header();
        return new BlockView(h.height(), h.prevHash(), h.merkleRoot(), h.timestamp(), h.txCount(), h.proposer(),
                h.consensus(), h.difficulty(), h.nonce(), b.hash(), b.transactions(), b.signatures());
    }
}
