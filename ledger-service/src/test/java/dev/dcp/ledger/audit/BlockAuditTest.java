package dev.dcp.ledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.json.Json;
import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.common.ledger.MerkleTree;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.ledger.chain.StoredBlock;
import dev.dcp.ledger.consensus.Validator;
import dev.dcp.ledger.consensus.solo.SoloSealer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlockAuditTest {

    private static final long HEIGHT = 3;
    private static final String PREV = "5e".repeat(32);

    private final Ed25519.KeyPair validatorKeys = Ed25519.generate();
    private final Ed25519.KeyPair userKeys = Ed25519.generate();
    private final SoloSealer sealer = new SoloSealer(new Validator("validator-0", validatorKeys.publicKeyHex(), 1));
    private final List<Transaction> txs = List.of(
            Transaction.sign("DEPOSIT", Map.of("account", "alice", "amount", 500), userKeys, 1, 1_000),
            Transaction.sign("ESCROW_LOCK", Map.of("account", "alice", "job", "j1", "amount", 200), userKeys, 2, 1_010),
            Transaction.sign(
                    "PAYMENT", Map.of("from", "alice", "to", "bob", "job", "j1", "amount", 150), userKeys, 3, 1_020));

    private static List<String> ids(List<Transaction> txs) {
        return txs.stream().map(Transaction::id).toList();
    }

    private static List<String> bodies(List<Transaction> txs) {
        return txs.stream().map(Json::write).toList();
    }

    private BlockHeader header(long height, String prev, String merkleRoot, int txCount) {
        return new BlockHeader(height, prev, merkleRoot, 1_020, txCount, validatorKeys.publicKeyHex(), "solo", 0, 0);
    }

    private String signedBy(Ed25519.KeyPair keys, String hash) {
        return Json.write(List.of(BlockSignature.sign("validator-0", keys, hash)));
    }

    /** A block as an honest solo replica stores it, with the header's own hash and the validator's signature. */
    private StoredBlock honest(BlockHeader header, List<String> ids, List<String> bodies) {
        return new StoredBlock(header, header.hash(), ids, bodies, signedBy(validatorKeys, header.hash()));
    }

    private StoredBlock correctBlock() {
        return honest(header(HEIGHT, PREV, MerkleTree.rootHex(ids(txs)), 3), ids(txs), bodies(txs));
    }

    private Optional<String> audit(StoredBlock block) {
        return BlockAudit.check(sealer, block, HEIGHT, PREV);
    }

    /** The stored body of {@code tx} with its payload swapped, id and signature left as they were. */
    private static String withPayload(Transaction tx, Map<String, Object> payload) {
        return Json.write(
                new Transaction(tx.id(), tx.type(), payload, tx.sender(), tx.nonce(), tx.timestamp(), tx.signature()));
    }

    private static List<String> replaced(List<String> list, int index, String value) {
        List<String> copy = new ArrayList<>(list);
        copy.set(index, value);
        return copy;
    }

    @Test
    void aCorrectlyBuiltAndSignedBlockPasses() {
        assertThat(audit(correctBlock())).isEmpty();
    }

    @Test
    void anEmptyGenesisPassesWithoutSignatures() {
        BlockHeader genesis = header(0, "0".repeat(64), MerkleTree.rootHex(List.of()), 0);
        StoredBlock block = new StoredBlock(genesis, genesis.hash(), List.of(), List.of(), "[]");

        assertThat(BlockAudit.check(sealer, block, 0, "0".repeat(64))).isEmpty();
    }

    @Test
    void aBlockAtAnotherHeightThanExpectedIsReported() {
        StoredBlock block = honest(header(HEIGHT + 1, PREV, MerkleTree.rootHex(ids(txs)), 3), ids(txs), bodies(txs));

        assertThat(audit(block))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("height 4").contains("3"));
    }

    @Test
    void aBrokenPrevHashLinkIsReported() {
        StoredBlock block =
                honest(header(HEIGHT, "6f".repeat(32), MerkleTree.rootHex(ids(txs)), 3), ids(txs), bodies(txs));

        assertThat(audit(block)).hasValueSatisfying(reason -> assertThat(reason).contains("prevHash"));
    }

    @Test
    void aStoredHashThatDiffersFromTheHeadersHashIsReported() {
        StoredBlock good = correctBlock();
        String otherHash = "ee".repeat(32);
        StoredBlock block = new StoredBlock(
                good.header(), otherHash, good.txIds(), good.txBodies(), signedBy(validatorKeys, otherHash));

        assertThat(audit(block))
                .hasValueSatisfying(reason ->
                        assertThat(reason).contains("header hash mismatch").contains(otherHash));
    }

    @Test
    void aTxCountThatDiffersFromTheStoredTransactionsIsReported() {
        StoredBlock block = honest(header(HEIGHT, PREV, MerkleTree.rootHex(ids(txs)), 2), ids(txs), bodies(txs));

        assertThat(audit(block))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("txCount is 2").contains("3 transactions"));
    }

    @Test
    void aTransactionBodyAlteredAfterSigningIsReportedAsNoLongerMatchingItsId() {
        Transaction payment = txs.get(2);
        String altered = withPayload(payment, Map.of("from", "alice", "to", "mallory", "job", "j1", "amount", 150));
        StoredBlock block = honest(
                header(HEIGHT, PREV, MerkleTree.rootHex(ids(txs)), 3), ids(txs), replaced(bodies(txs), 2, altered));

        assertThat(audit(block))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("transaction 2")
                        .contains(payment.id())
                        .contains("does not hash to its id"));
    }

    @Test
    void anIdColumnThatDiffersFromTheBodysIdIsReported() {
        Transaction other = Transaction.sign("DEPOSIT", Map.of("account", "bob", "amount", 1), userKeys, 9, 2_000);
        List<String> ids = replaced(ids(txs), 1, other.id());
        // the header commits to the id column, so only the id/body disagreement is left to find
        StoredBlock block = honest(header(HEIGHT, PREV, MerkleTree.rootHex(ids), 3), ids, bodies(txs));

        assertThat(audit(block))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("transaction 1")
                        .contains(other.id())
                        .contains("does not hash to its id"));
    }

    @Test
    void aTransactionWhoseSignatureDoesNotVerifyIsReported() {
        Transaction deposit = txs.get(0);
        Ed25519.KeyPair thief = Ed25519.generate();
        Transaction forged = new Transaction(
                deposit.id(),
                deposit.type(),
                deposit.payload(),
                deposit.sender(),
                deposit.nonce(),
                deposit.timestamp(),
                thief.signHex(dev.dcp.common.crypto.Hashes.unhex(deposit.id())));
        StoredBlock block = honest(
                header(HEIGHT, PREV, MerkleTree.rootHex(ids(txs)), 3),
                ids(txs),
                replaced(bodies(txs), 0, Json.write(forged)));

        assertThat(audit(block))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("transaction 0")
                        .contains("signature does not verify")
                        .doesNotStartWith("seal"));
    }

    @Test
    void aMerkleRootThatTheTransactionsDoNotGiveIsReported() {
        List<String> reversed = new ArrayList<>(ids(txs));
        java.util.Collections.reverse(reversed);
        StoredBlock block = honest(header(HEIGHT, PREV, MerkleTree.rootHex(reversed), 3), ids(txs), bodies(txs));

        assertThat(audit(block)).hasValueSatisfying(reason -> assertThat(reason).contains("merkle root mismatch"));
    }

    @Test
    void transactionsStoredInAnotherOrderThanTheMerkleRootCommitsToAreReported() {
        StoredBlock good = correctBlock();
        List<Transaction> swapped = List.of(txs.get(1), txs.get(0), txs.get(2));
        StoredBlock block =
                new StoredBlock(good.header(), good.storedHash(), ids(swapped), bodies(swapped), good.signaturesJson());

        assertThat(audit(block)).hasValueSatisfying(reason -> assertThat(reason).contains("merkle root mismatch"));
    }

    @Test
    void aBlockSignatureByAnotherKeyIsReportedAsABadSeal() {
        StoredBlock good = correctBlock();
        StoredBlock block = new StoredBlock(
                good.header(),
                good.storedHash(),
                good.txIds(),
                good.txBodies(),
                signedBy(Ed25519.generate(), good.storedHash()));

        assertThat(audit(block))
                .hasValueSatisfying(
                        reason -> assertThat(reason).startsWith("seal:").contains("proposer's signature"));
    }

    @Test
    void aBlockSignatureOverAnotherHashIsReportedAsNotVerifying() {
        StoredBlock good = correctBlock();
        StoredBlock block = new StoredBlock(
                good.header(),
                good.storedHash(),
                good.txIds(),
                good.txBodies(),
                signedBy(validatorKeys, "ee".repeat(32)));

        assertThat(audit(block))
                .hasValueSatisfying(
                        reason -> assertThat(reason).startsWith("seal:").contains("does not verify"));
    }

    @Test
    void aBlockWithoutSignaturesIsReportedAsABadSeal() {
        StoredBlock good = correctBlock();
        StoredBlock block = new StoredBlock(good.header(), good.storedHash(), good.txIds(), good.txBodies(), "[]");

        assertThat(audit(block)).hasValueSatisfying(reason -> assertThat(reason).startsWith("seal:"));
    }

    @Test
    void unreadableSignaturesOrTransactionBodiesAreReported() {
        StoredBlock good = correctBlock();

        assertThat(audit(new StoredBlock(good.header(), good.storedHash(), good.txIds(), good.txBodies(), "{oops")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("signatures are not readable"));
        assertThat(audit(new StoredBlock(
                        good.header(),
                        good.storedHash(),
                        good.txIds(),
                        replaced(good.txBodies(), 1, "not json"),
                        good.signaturesJson())))
                .hasValueSatisfying(reason -> assertThat(reason).contains("transaction 1 is not readable"));
    }

    @Test
    void aStoredSignatureWithoutPublicKeyIsReportedRatherThanThrown() {
        StoredBlock good = correctBlock();
        String noKey = "[{\"validator\":\"validator-0\",\"signature\":\"" + "ab".repeat(64) + "\"}]";

        assertThat(audit(new StoredBlock(good.header(), good.storedHash(), good.txIds(), good.txBodies(), noKey)))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("seal:"));
    }

    @Test
    void aSignaturesColumnHoldingJsonNullOrANullEntryIsReportedRatherThanThrown() {
        StoredBlock good = correctBlock();

        assertThat(audit(new StoredBlock(good.header(), good.storedHash(), good.txIds(), good.txBodies(), "null")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("signatures"));
        assertThat(audit(new StoredBlock(good.header(), good.storedHash(), good.txIds(), good.txBodies(), "[null]")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("signatures"));
    }

    @Test
    void aTransactionBodyHoldingJsonNullIsReportedRatherThanThrown() {
        StoredBlock good = correctBlock();

        assertThat(audit(new StoredBlock(
                        good.header(),
                        good.storedHash(),
                        good.txIds(),
                        replaced(good.txBodies(), 1, "null"),
                        good.signaturesJson())))
                .hasValueSatisfying(reason -> assertThat(reason).contains("transaction 1"));
    }

    @Test
    void fewerIdsThanBodiesIsReportedRatherThanThrown() {
        StoredBlock good = correctBlock();

        assertThat(audit(new StoredBlock(
                        good.header(),
                        good.storedHash(),
                        good.txIds().subList(0, 2),
                        good.txBodies(),
                        good.signaturesJson())))
                .isPresent();
    }
}
