package dev.dcp.ledger.consensus.pos;

import dev.dcp.ledger.consensus.Validator;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The ARCHITECTURE.md lottery written from the spec alone, as an outside auditor would: validators ordered by raw
 * public-key bytes, r = SHA-256(raw prevHash || height as 8-byte big-endian) as an unsigned integer mod the total
 * weight, and the first validator whose cumulative weight exceeds r.
 */
final class ReferenceLottery {

    private ReferenceLottery() {}

    static Validator draw(List<Validator> validators, String prevHashHex, long height) {
        List<Validator> ordered = new ArrayList<>(validators);
        ordered.sort((a, b) -> Arrays.compareUnsigned(
                HexFormat.of().parseHex(a.publicKey()), HexFormat.of().parseHex(b.publicKey())));
        byte[] heightBytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            heightBytes[i] = (byte) (height >>> (56 - 8 * i));
        }
        byte[] prev = HexFormat.of().parseHex(prevHashHex);
        byte[] message = new byte[prev.length + 8];
        System.arraycopy(prev, 0, message, 0, prev.length);
        System.arraycopy(heightBytes, 0, message, prev.length, 8);
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        BigInteger total = BigInteger.ZERO;
        for (Validator v : ordered) {
            total = total.add(BigInteger.valueOf(v.power()));
        }
        BigInteger r = new BigInteger(1, digest).mod(total);
        BigInteger cumulative = BigInteger.ZERO;
        for (Validator v : ordered) {
            cumulative = cumulative.add(BigInteger.valueOf(v.power()));
            if (cumulative.compareTo(r) > 0) {
                return v;
            }
        }
        throw new AssertionError("r beyond the total weight");
    }
}
