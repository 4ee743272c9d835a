package dev.dcp.cli.ledger;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.MerkleTree;
import dev.dcp.common.ledger.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks, on the client and with nothing but the two answers, that a transaction is what the chain says it is:
 * its id is the hash of its content, its sender signed that id, its audit path leads from the id to the Merkle
 * root of the block at its height and index, and that block's hash is its header's. The server is not trusted
 * for any of it.
 */
public final class InclusionCheck {

    /** What held and what did not; verified when nothing failed. */
    public record Outcome(List<String> passed, List<String> failed) {

        public boolean verified() {
            return failed.isEmpty();
        }
    }

    private InclusionCheck() {}

    /**
     * @param answer {@code GET /api/v1/ledger/transactions/{id}}: {@code {transaction, blockHeight, index, proof}}
     * @param block {@code GET /api/v1/ledger/blocks/{blockHeight}}
     */
    public static Outcome check(String askedId, Map<String, Object> answer, Map<String, Object> block) {
        List<String> passed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try {
            Map<?, ?> t = (Map<?, ?>) answer.get("transaction");
            Map<?, ?> proof = (Map<?, ?>) answer.get("proof");
            Transaction tx = transaction(t);
            int index = number(answer.get("index")).intValue();
            int leafIndex = number(proof.get("leafIndex")).intValue();
            int treeSize = number(proof.get("treeSize")).intValue();

            note(tx.id().equals(askedId), "the answer is the transaction asked for", passed, failed);
            note(tx.expectedId().equals(tx.id()), "its id is the SHA-256 of its canonical content", passed, failed);
            note(
                    Ed25519.verifyHex(tx.sender(), Hashes.unhex(tx.id()), tx.signature()),
                    "its sender's Ed25519 signature of the id holds",
                    passed,
                    failed);

            BlockHeader header = header(block);
            note(
                    header.height() == number(answer.get("blockHeight")).longValue(),
                    "the block is the one at its height",
                    passed,
                    failed);
            note(header.hash().equals(block.get("hash")), "the block's hash is its header's", passed, failed);
            note(
                    leafIndex == index && treeSize == header.txCount(),
                    "the proof is for index " + index + " of the block's " + header.txCount() + " transactions",
                    passed,
                    failed);
            List<byte[]> path = new ArrayList<>();
            for (Object p : (List<?>) proof.get("path")) {
                path.add(Hashes.unhex((String) p));
            }
            note(
                    MerkleTree.verifyInclusion(
                            Hashes.unhex(tx.id()), leafIndex, treeSize, path, Hashes.unhex(header.merkleRoot())),
                    "the audit path of " + path.size() + " hashes leads to the block's Merkle root",
                    passed,
                    failed);
        } catch (RuntimeException malformed) {
            failed.add("the answer is malformed: " + malformed);
        }
        return new Outcome(List.copyOf(passed), List.copyOf(failed));
    }

    private static Transaction transaction(Map<?, ?> t) {
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) t.get("payload");
        return new Transaction(
                (String) t.get("id"),
                (String) t.get("type"),
                payload,
                (String) t.get("sender"),
                number(t.get("nonce")).longValue(),
                number(t.get("timestamp")).longValue(),
                (String) t.get("signature"));
    }

    private static BlockHeader header(Map<String, Object> b) {
        return new BlockHeader(
                number(b.get("height")).longValue(),
                (String) b.get("prevHash"),
                (String) b.get("merkleRoot"),
                number(b.get("timestamp")).longValue(),
                number(b.get("txCount")).intValue(),
                (String) b.get("proposer"),
                (String) b.get("consensus"),
                number(b.get("difficulty")).intValue(),
                number(b.get("nonce")).longValue());
    }

    private static void note(boolean holds, String what, List<String> passed, List<String> failed) {
        (holds ? passed : failed).add(what);
    }

    private static Number number(Object o) {
        if (o instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("expected a number, got " + o);
    }
}
