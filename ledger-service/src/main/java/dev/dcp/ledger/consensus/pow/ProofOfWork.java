package dev.dcp.ledger.consensus.pow;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.ledger.BlockHeader;
import java.math.BigInteger;

/**
 * The PoW seal: the header hash, read as a 256-bit unsigned big-endian integer, is below 2^(256 - difficulty).
 * Mining tries nonces from 0 upward, so every honest replica finds the same (smallest) nonce.
 */
public final class ProofOfWork {

    private ProofOfWork() {}

    public static BigInteger target(int difficulty) {
        if (difficulty < 0 || difficulty > 255) {
            throw new IllegalArgumentException("difficulty must be in [0, 255]");
        }
        return BigInteger.ONE.shiftLeft(256 - difficulty);
    }

    public static boolean meetsTarget(String hashHex, int difficulty) {
        return new BigInteger(1, Hashes.unhex(hashHex)).compareTo(target(difficulty)) < 0;
    }

    public static BlockHeader mine(BlockHeader header) {
        for (long nonce = 0; ; nonce++) {
            BlockHeader candidate = header.withNonce(nonce);
            if (meetsTarget(candidate.hash(), header.difficulty())) {
                return candidate;
            }
        }
    }
}
