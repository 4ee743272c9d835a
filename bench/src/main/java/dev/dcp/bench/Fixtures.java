package dev.dcp.bench;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.json.Json;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.common.ledger.TransactionTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Deterministic inputs for the benchmarks: everything derives from a fixed seed, nothing from SecureRandom. */
final class Fixtures {

    static final long SEED = 0x5EED_DC9L;
    /** Inputs cycled through by the crypto and ingest benchmarks, so no single key or message is repeated. */
    static final int POOL = 1024;

    static final long TIMESTAMP = 1_764_057_600_000L; // 2025-11-25T08:00:00Z in ms
    static final long NONCE = TIMESTAMP * 1000;

    private Fixtures() {}

    static Ed25519.KeyPair key(SplittableRandom random) {
        byte[] priv = new byte[32];
        random.nextBytes(priv);
        return Ed25519.fromPrivateKey(priv);
    }

    static Map<String, Object> payload(SplittableRandom random) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("account", String.format("acct-%06d", random.nextInt(1_000_000)));
        payload.put("amount", 1 + random.nextInt(100_000));
        return payload;
    }

    /** The map Transaction.computeId hashes: {type, payload:{account, amount}, sender, nonce, timestamp}. */
    static Map<String, Object> body(SplittableRandom random) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TransactionTypes.PAYMENT);
        body.put("payload", payload(random));
        body.put("sender", key(random).publicKeyHex());
        body.put("nonce", NONCE + random.nextInt(1_000_000));
        body.put("timestamp", TIMESTAMP + random.nextInt(1_000));
        return body;
    }

    static Transaction transaction(SplittableRandom random) {
        Ed25519.KeyPair keys = key(random);
        return Transaction.sign(
                TransactionTypes.PAYMENT,
                payload(random),
                keys,
                NONCE + random.nextInt(1_000_000),
                TIMESTAMP + random.nextInt(1_000));
    }

    /** POOL signed transactions from distinct senders, as the JSON the ledger reads off Kafka. */
    static String[] transactionJson(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] out = new String[POOL];
        for (int i = 0; i < POOL; i++) {
            Transaction tx = transaction(random);
            out[i] = Json.write(tx);
            Transaction back = Json.read(out[i], Transaction.class);
            if (!back.isAuthentic()) {
                throw new IllegalStateException("fixture transaction does not verify: " + out[i]);
            }
        }
        return out;
    }

    /** n random 32-byte leaves, like transaction ids. */
    static List<byte[]> leaves(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] leaf = new byte[32];
            random.nextBytes(leaf);
            out.add(leaf);
        }
        return out;
    }

    static List<String> hex(List<byte[]> leaves) {
        return leaves.stream().map(Hashes::hex).toList();
    }
}
