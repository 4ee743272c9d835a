package dev.dcp.ledger.consensus;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.ledger.BlockSignature;

/** A validator's signature over the hash of the block it cut at {@code height}, on {@code dcp.ledger.votes}. */
public record Vote(long height, String hash, String validator, String publicKey, String signature) {

    public static Vote cast(long height, String hash, String validatorId, Ed25519.KeyPair key) {
        BlockSignature s = BlockSignature.sign(validatorId, key, hash);
        return new Vote(height, hash, validatorId, s.publicKey(), s.signature());
    }

    public BlockSignature asSignature() {
        return new BlockSignature(validator, publicKey, signature);
    }
}
