package dev.dcp.common.ledger;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.json.CanonicalJson;

/** The hashed part of a block; {@link #hash()} is the SHA-256 of its canonical JSON. */
public record BlockHeader(
        long height,
        String prevHash,
        String merkleRoot,
        long timestamp,
        int txCount,
        String proposer,
        String consensus,
        int difficulty,
        long nonce) {

    public static final String GENESIS_PREV_HASH = "0".repeat(64);

    public String hash() {
        return Hashes.sha256Hex(CanonicalJson.bytes(this));
    }

    public BlockHeader withNonce(long newNonce) {
        return new BlockHeader(
                height, prevHash, merkleRoot, timestamp, txCount, proposer, consensus, difficulty, newNonce);
    }
}
