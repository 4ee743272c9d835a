package dev.dcp.common.ledger;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.crypto.Hashes;

/** A validator's Ed25519 signature over the 32 raw bytes of a block hash. */
public record BlockSignature(String validator, String publicKey, String signature) {

    public static BlockSignature sign(String validator, Ed25519.KeyPair keys, String blockHash) {
        return new BlockSignature(validator, keys.publicKeyHex(), keys.signHex(Hashes.unhex(blockHash)));
    }

    public boolean verifies(String blockHash) {
        return Hashes.isHex(blockHash, 32) && Ed25519.verifyHex(publicKey, Hashes.unhex(blockHash), signature);
    }
}
