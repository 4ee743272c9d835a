package dev.dcp.ledger.api;

import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.common.ledger.MerkleTree;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.common.web.Paging;
import dev.dcp.common.web.ProblemException;
import dev.dcp.ledger.audit.ChainVerification;
import dev.dcp.ledger.chain.Block;
import dev.dcp.ledger.chain.ChainTip;
import dev.dcp.ledger.consensus.Sealer;
import dev.dcp.ledger.consensus.VoteBook;
import dev.dcp.ledger.ingest.LedgerIngest;
import dev.dcp.ledger.store.ChainStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Ledger", description = "The chain, read-only: any key may read it")
@RestController
@RequestMapping("/api/v1/ledger")
class LedgerController {

    record LastVote(long height, String hash, Boolean agreed) {}

    record ValidatorView(String id, String publicKey, long power, LastVote lastVote) {}

    record Status(
            long height,
            String lastHash,
            String consensus,
            int difficulty,
            List<ValidatorView> validators,
            long pendingTransactions) {}

    record Proof(int treeSize, int leafIndex, List<String> path) {}

    record TransactionView(Transaction transaction, long blockHeight, int index, Proof proof) {}

    record BalanceView(String account, long balance, long escrowed, long stake) {}

    /** A page of replayed balances, all as of one height; the cursor carries it, so pages agree with each other. */
    record BalancePage(long height, List<BalanceView> items, String nextCursor) {}

    record HeaderView(
            long height,
            String prevHash,
            String merkleRoot,
            long timestamp,
            int txCount,
            String proposer,
            String consensus,
            int difficulty,
            long nonce,
            String hash) {

        static HeaderView of(BlockHeader h) {
            return new HeaderView(
                    h.height(),
                    h.prevHash(),
                    h.merkleRoot(),
                    h.timestamp(),
                    h.txCount(),
                    h.proposer(),
                    h.consensus(),
                    h.difficulty(),
                    h.nonce(),
                    h.hash());
        }
    }

    record BlockPage(List<HeaderView> items, String nextCursor) {}

    record BlockView(
            long height,
            String prevHash,
            String merkleRoot,
            long timestamp,
            int txCount,
            String proposer,
            String consensus,
            int difficulty,
            long nonce,
            String hash,
            List<Transaction> transactions,
            List<BlockSignature> signatures) {}

    private final ChainStore store;
    private final Sealer sealer;
    private final LedgerIngest ingest;
    private final VoteBook votes;
    private final ChainVerification verification;

    LedgerController(
            ChainStore store, Sealer sealer, LedgerIngest ingest, VoteBook votes, ChainVerification verification) {
        this.store = store;
        this.sealer = sealer;
        this.ingest = ingest;
        this.votes = votes;
        this.verification = verification;
    }

    @GetMapping("/status")
    Status status() {
        ChainTip tip = store.tip().orElseThrow();
        List<ValidatorView> validators = sealer.validators().ordered().stream()
                .map(v -> new ValidatorView(
                        v.id(),
                        v.publicKey(),
                        v.power(),
                        votes.latestOf(v.publicKey())
                                .map(last -> new LastVote(
                                        last.height(),
                                        last.hash(),
                                        store.hashAt(last.height())
                                                .map(last.hash()::equals)
                                                .orElse(null)))
                                .orElse(null)))
                .toList();
        return new Status(
                tip.height(),
                tip.hash(),
                sealer.consensus(),
                sealer.difficulty(),
                validators,
                ingest.pendingTransactions());
    }

    @Operation(summary = "A committed transaction with its Merkle audit path; 404 while it is pending")
    @GetMapping("/transactions/{id}")
    TransactionView transaction(@PathVariable String id) {
        ChainStore.Location at = store.locate(id)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "Not Found",
                        "Transaction " + id + " is not in a committed block (unknown, or still pending)"));
        List<String> leaves = store.transactionIds(at.blockHeight());
        return new TransactionView(
                at.transaction(),
                at.blockHeight(),
                at.index(),
                new Proof(leaves.size(), at.index(), MerkleTree.auditPathHex(leaves, at.index())));
    }

    @Operation(summary = "Re-verifies the whole chain: links, Merkle roots, proofs of work or signatures")
    @GetMapping("/verify")
    ChainVerification.Result verify() {
        return verification.verify();
    }

    @GetMapping("/accounts/{id}/balance")
    BalanceView balance(@PathVariable String id) {
        ChainStore.Balance b = store.balance(id);
        return new BalanceView(id, b.balance(), b.escrowed(), b.stake());
    }

    @Operation(summary = "Every account's balances replayed from the chain, paged, all as of one height")
    @GetMapping("/accounts")
    BalancePage balances(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        int size = Paging.limit(limit);
        long height = store.tip().orElseThrow().height();
        String after = "";
        if (cursor != null) {
            int at = cursor.indexOf(':');
            try {
                height = Long.parseLong(cursor.substring(0, Math.max(at, 0)));
                after = cursor.substring(at + 1);
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this API issued");
            }
        }
        List<BalanceView> items = store.balances(height, after, size + 1).stream()
                .map(b -> new BalanceView(b.account(), b.balance(), b.escrowed(), b.stake()))
                .toList();
        String next = null;
        if (items.size() > size) {
            items = items.subList(0, size);
            next = height + ":" + items.get(size - 1).account();
        }
        return new BalancePage(height, items, next);
    }

    @GetMapping("/blocks")
    BlockPage blocks(
            @RequestParam(required = false) Long from,
            @RequestParam(required = false) Integer limit,
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
        List<HeaderView> items =
                store.headers(start, size + 1).stream().map(HeaderView::of).toList();
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
        return new BlockView(
                h.height(),
                h.prevHash(),
                h.merkleRoot(),
                h.timestamp(),
                h.txCount(),
                h.proposer(),
                h.consensus(),
                h.difficulty(),
                h.nonce(),
                b.hash(),
                b.transactions(),
                b.signatures());
    }
}
