package dev.dcp.ledger.consensus.pos;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.ledger.consensus.Validator;
import dev.dcp.ledger.consensus.ValidatorSet;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * The PoS proposer of height h: r = SHA-256(raw prevHash || h as 8-byte big-endian) mod total weight; the first
 * validator (ordered by public key) whose cumulative weight exceeds r. Weight is stake x lock time.
 */
public final class StakeLottery {

    private StakeLottery() {}

    public static Validator draw(ValidatorSet validators, String prevHashHex, long height) {
        MessageDigest sha = Hashes.sha256();
        sha.update(Hashes.unhex(prevHashHex));
        sha.update(ByteBuffer.allocate(8).putLong(height).array());
        BigInteger r = new BigInteger(1, sha.digest()).mod(BigInteger.valueOf(validators.totalPower()));
        long ticket = r.longValueExact();
        long cumulative = 0;
        for (Validator v : validators.ordered()) {
            cumulative += v.power();
            if (cumulative > ticket) {
                return v;
            }
        }
        throw new IllegalStateException("unreachable: ticket " + ticket + " beyond total weight");
    }
}
