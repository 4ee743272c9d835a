package dev.dcp.cli.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.json.Json;
import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.MerkleTree;
import dev.dcp.common.ledger.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A block of five signed transactions, as the API would serve it, and what a lying server could change. */
class InclusionCheckTest {

    final Ed25519.KeyPair keys = Ed25519.generate();
    final List<Transaction> txs = new ArrayList<>();
    final Map<String, Object> block;

    InclusionCheckTest() {
        for (int i = 0; i < 5; i++) {
            txs.add(Transaction.sign("DEPOSIT", Map.of("account", "t" + i, "amount", 100 + i), keys, i, 1_000 + i));
        }
        List<String> ids = txs.stream().map(Transaction::id).toList();
        BlockHeader header = new BlockHeader(7, "ab".repeat(32), MerkleTree.rootHex(ids), 5_000, 5, "v0", "solo", 0, 0);
        block = new LinkedHashMap<>(Json.toMap(header));
        block.put("hash", header.hash());
        block.put("transactions", txs.stream().map(Json::toMap).toList());
    }

    Map<String, Object> answer(int index) {
        List<String> ids = txs.stream().map(Transaction::id).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("transaction", Json.toMap(txs.get(index)));
        answer.put("blockHeight", 7);
        answer.put("index", index);
        answer.put(
                "proof",
                new LinkedHashMap<>(
                        Map.of("treeSize", 5, "leafIndex", index, "path", MerkleTree.auditPathHex(ids, index))));
        // through JSON, as a client receives it
        return Json.readMap(Json.write(answer));
    }

    @Test
    void everyTransactionOfAnHonestBlockIsVerified() {
        for (int i = 0; i < txs.size(); i++) {
            InclusionCheck.Outcome outcome = InclusionCheck.check(txs.get(i).id(), answer(i), block);
            assertThat(outcome.failed()).as("transaction " + i).isEmpty();
            assertThat(outcome.passed()).hasSize(7);
        }
    }

    @Test
    void anAlteredPayloadBreaksTheId() {
        assertThat(failures(3, a -> tx(a).put("payload", Map.of("account", "t3", "amount", 999_999))))
                .contains("its id is the SHA-256 of its canonical content");
    }

    @Test
    void aForgedSignatureIsCaught() {
        Transaction other = Transaction.sign("DEPOSIT", Map.of(), Ed25519.generate(), 0, 0);
        assertThat(failures(1, a -> tx(a).put("signature", other.signature())))
                .contains("its sender's Ed25519 signature of the id holds");
    }

    @Test
    void aPathFromAnotherLeafOrTamperedDoesNotLeadToTheRoot() {
        assertThat(failures(2, a -> proof(a).put("leafIndex", 1))).hasSize(2);
        assertThat(failures(2, a -> {
                    List<Object> path = new ArrayList<>((List<?>) proof(a).get("path"));
                    path.set(0, "00".repeat(32));
                    proof(a).put("path", path);
                }))
                .containsExactly("the audit path of 3 hashes leads to the block's Merkle root");
    }

    @Test
    void aBlockWhoseHeaderWasChangedIsCaughtByItsHash() {
        block.put("timestamp", 5_001);
        assertThat(InclusionCheck.check(txs.get(0).id(), answer(0), block).failed())
                .containsExactly("the block's hash is its header's");
    }

    @Test
    void anotherTransactionThanTheOneAskedForIsCaught() {
        assertThat(InclusionCheck.check(txs.get(1).id(), answer(0), block).failed())
                .containsExactly("the answer is the transaction asked for");
    }

    @Test
    void aMalformedAnswerFailsRatherThanThrows() {
        Map<String, Object> broken = answer(0);
        broken.remove("proof");
        assertThat(InclusionCheck.check(txs.get(0).id(), broken, block).verified())
                .isFalse();
    }

    private List<String> failures(int index, Consumer<Map<String, Object>> change) {
        Map<String, Object> a = answer(index);
        change.accept(a);
        return InclusionCheck.check(txs.get(index).id(), a, block).failed();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tx(Map<String, Object> answer) {
        return (Map<String, Object>) answer.get("transaction");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> proof(Map<String, Object> answer) {
        return (Map<String, Object>) answer.get("proof");
    }
}
