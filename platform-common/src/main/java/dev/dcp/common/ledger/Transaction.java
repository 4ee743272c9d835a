package dev.dcp.common.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.json.CanonicalJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ledger transaction as ARCHITECTURE.md fixes it: {@code id} is the SHA-256 of the canonical JSON of
 * {type, payload, sender, nonce, timestamp}; {@code signature} is Ed25519 over the 32 raw bytes of the id.
 */
public record Transaction(
        String id,
        String type,
        Map<String, Object> payload,
        String sender,
        long nonce,
        long timestamp,
        String signature) {

    public static Transaction sign(
            String type, Map<String, Object> payload, Ed25519.KeyPair keys, long nonce, long timestamp) {
        String sender = keys.publicKeyHex();
        String id = computeId(type, payload, sender, nonce, timestamp);
        return new Transaction(id, type, payload, sender, nonce, timestamp, keys.signHex(Hashes.unhex(id)));
    }

    public static String computeId(
            String type, Map<String, Object> payload, String sender, long nonce, long timestamp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("payload", payload);
        body.put("sender", sender);
        body.put("nonce", nonce);
        body.put("timestamp", timestamp);
        return Hashes.sha256Hex(CanonicalJson.bytes(body));
    }

    /** The id this transaction's content hashes to; differs from {@link #id()} if anything was altered. */
    public String expectedId() {
        return computeId(type, payload, sender, nonce, timestamp);
    }

    public boolean hasValidId() {
        try {
            return id != null && id.equals(expectedId());
        } catch (IllegalArgumentException e) {
            return false; // content JCS cannot encode exactly (a huge integer, a lone surrogate) has no valid id
        }
    }

    public boolean hasValidSignature() {
        return Hashes.isHex(id, 32) && Ed25519.verifyHex(sender, Hashes.unhex(id), signature);
    }

    /** Well-formed, content matches the id, and the sender signed it. */
    @JsonIgnore
    public boolean isAuthentic() {
        return type != null
                && !type.isBlank()
                && payload != null
                && Hashes.isHex(sender, 32)
                && hasValidId()
                && hasValidSignature();
    }

    public String canonicalJson() {
        return CanonicalJson.encode(this);
    }
}
