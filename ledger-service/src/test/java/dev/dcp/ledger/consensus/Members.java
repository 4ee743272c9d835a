package dev.dcp.ledger.consensus;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Test fixtures: validators with real Ed25519 keys, and headers to seal. */
public final class Members {

    /** A validator together with the key pair that signs for it. */
    public record Member(Validator validator, Ed25519.KeyPair keys) {

        public String key() {
            return validator.publicKey();
        }

        public BlockSignature sign(String hash) {
            return BlockSignature.sign(validator.id(), keys, hash);
        }
    }

    private Members() {}

    public static Member member(String id, long power) {
        Ed25519.KeyPair keys = Ed25519.generate();
        return new Member(new Validator(id, keys.publicKeyHex(), power), keys);
    }

    /** Members with the given powers, in creation order (not key order). */
    public static List<Member> withPowers(long... powers) {
        List<Member> out = new ArrayList<>();
        for (int i = 0; i < powers.length; i++) {
            out.add(member("validator-" + i, powers[i]));
        }
        return out;
    }

    public static List<Member> equal(int n) {
        long[] powers = new long[n];
        java.util.Arrays.fill(powers, 1);
        return withPowers(powers);
    }

    public static ValidatorSet setOf(List<Member> members) {
        return new ValidatorSet(members.stream().map(Member::validator).toList());
    }

    /** The members sorted by public key, as the spec orders validators (lowercase hex sorts as the raw bytes). */
    public static List<Member> byKey(List<Member> members) {
        return members.stream().sorted(Comparator.comparing(Member::key)).toList();
    }

    public static BlockHeader header(
            long height, String prevHash, String proposer, String consensus, int difficulty, long nonce) {
        return new BlockHeader(
                height,
                prevHash,
                "ab".repeat(32),
                1_700_000_000_000L + height,
                3,
                proposer,
                consensus,
                difficulty,
                nonce);
    }

    /** A signature that has the right shape but was made over some other hash. */
    public static BlockSignature signatureOverOtherHash(Member m, String hash) {
        String other = hash.equals("11".repeat(32)) ? "22".repeat(32) : "11".repeat(32);
        return m.sign(other);
    }
}
