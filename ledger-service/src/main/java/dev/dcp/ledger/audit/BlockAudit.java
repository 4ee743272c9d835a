package dev.dcp.ledger.audit;

import dev.dcp.common.json.Json;
import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.common.ledger.MerkleTree;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.ledger.chain.StoredBlock;
import dev.dcp.ledger.consensus.Sealer;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;

/**
 * Re-checks one stored block from its raw columns, the way an outside auditor would: height and link, header hash,
 * every transaction's id and signature, the Merkle root, the transaction count, and the consensus seal.
 */
public final class BlockAudit {

    private static final TypeReference<List<BlockSignature>> SIGNATURES = new TypeReference<>() {};

    private BlockAudit() {}

    /** Why the block is invalid, or empty when it holds. */
    public static Optional<String> check(
            Sealer sealer, StoredBlock block, long expectedHeight, String expectedPrevHash) {
        BlockHeader h = block.header();
        if (h.height() != expectedHeight) {
            return Optional.of("height " + h.height() + " where " + expectedHeight + " was expected");
        }
        if (!h.prevHash().equals(expectedPrevHash)) {
            return Optional.of("prevHash does not match the hash of block " + (expectedHeight - 1));
        }
        String hash = h.hash();
        if (!hash.equals(block.storedHash())) {
            return Optional.of("header hash mismatch: the header hashes to " + hash + ", stored " + block.storedHash());
        }
        if (h.txCount() != block.txBodies().size()) {
            return Optional.of(
                    "txCount is " + h.txCount() + " but " + block.txBodies().size() + " transactions are stored");
        }
        if (block.txIds().size() != block.txBodies().size()) {
            return Optional.of(block.txIds().size() + " transaction ids are stored for "
                    + block.txBodies().size() + " transaction bodies");
        }
        for (int i = 0; i < block.txBodies().size(); i++) {
            Transaction tx;
            try {
                tx = Json.read(block.txBodies().get(i), Transaction.class);
            } catch (RuntimeException e) {
                return Optional.of("transaction " + i + " is not readable: " + e.getMessage());
            }
            if (tx == null) {
                return Optional.of("transaction " + i + " is not readable: the body is JSON null");
            }
            if (!tx.hasValidId() || !tx.id().equals(block.txIds().get(i))) {
                return Optional.of(
                        "transaction " + i + " (" + block.txIds().get(i) + ") content does not hash to its id");
            }
            if (!tx.hasValidSignature()) {
                return Optional.of("transaction " + i + " (" + tx.id() + ") signature does not verify");
            }
        }
        if (!MerkleTree.rootHex(block.txIds()).equals(h.merkleRoot())) {
            return Optional.of("merkle root mismatch: the transactions give " + MerkleTree.rootHex(block.txIds()));
        }
        if (h.height() == 0) {
            return block.txIds().isEmpty() ? Optional.empty() : Optional.of("genesis holds transactions");
        }
        List<BlockSignature> signatures;
        try {
            signatures = Json.MAPPER.readValue(block.signaturesJson(), SIGNATURES);
        } catch (RuntimeException e) {
            return Optional.of("signatures are not readable: " + e.getMessage());
        }
        if (signatures == null || signatures.contains(null)) {
            return Optional.of("signatures are not readable: expected a list of signatures");
        }
        return sealer.checkSeal(h, hash, signatures).map(reason -> "seal: " + reason);
    }
}
