package dev.dcp.common.storage;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.json.CanonicalJson;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Proof of retrievability for one shard: the platform asks for a few leaves chosen at random after the fact, with a
 * fresh nonce; the worker answers with those leaves and their audit paths, signed with its key. Only a holder of the
 * whole shard can answer for leaves it could not predict: one that kept a fraction f of the leaves passes a challenge
 * of s leaves with probability at most f^s. The three steps are pure functions: the scheduler issues and judges, the
 * worker answers.
 */
public final class ShardAudit {

    private static final String DOMAIN = "dcp-shard-audit-v1";

    private ShardAudit() {}

    /** What the scheduler sends: which shard, a nonce never used before, and the leaves it wants. */
    public record Challenge(String challengeId, String shardId, String nonce, List<Integer> leaves) {
        public Challenge {
            leaves = List.copyOf(leaves);
        }
    }

    /** One leaf as the worker sends it: its index, its bytes (base64) and its audit path (hex, bottom-up). */
    public record ProvenLeaf(int index, String data, List<String> path) {
        public ProvenLeaf {
            path = List.copyOf(path);
        }
    }

    /**
     * The worker's answer; {@code leaves} is empty when it does not hold the shard at all. The signature is the
     * worker's Ed25519 signature over {@link #signedBytes()}.
     */
    public record Answer(
            String challengeId,
            String shardId,
            String nonce,
            String workerId,
            List<ProvenLeaf> leaves,
            String signature) {
        public Answer {
            leaves = List.copyOf(leaves);
        }

        /** The canonical JSON of every field but the signature, under a domain tag no other signed message uses. */
        public byte[] signedBytes() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("domain", DOMAIN);
            fields.put("challengeId", challengeId);
            fields.put("shardId", shardId);
            fields.put("nonce", nonce);
            fields.put("workerId", workerId);
            List<Object> proven = new ArrayList<>();
            for (ProvenLeaf leaf : leaves) {
                proven.add(Map.of("index", leaf.index(), "data", leaf.data(), "path", leaf.path()));
            }
            fields.put("leaves", proven);
            return CanonicalJson.bytes(fields);
        }
    }

    public record Verdict(boolean passed, String reason) {
        static Verdict pass() {
            return new Verdict(true, "every leaf asked for proved against the recorded root");
        }

        static Verdict fail(String reason) {
            return new Verdict(false, reason);
        }
    }

    public static Challenge challenge(
            String challengeId, String shardId, int shardLength, int samples, RandomGenerator random) {
        if (samples < 1) {
            throw new IllegalArgumentException("an audit asks for at least one leaf");
        }
        int count = ShardTree.leafCount(shardLength);
        TreeSet<Integer> leaves = new TreeSet<>();
        while (leaves.size() < Math.min(samples, count)) {
            leaves.add(random.nextInt(count));
        }
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return new Challenge(challengeId, shardId, Hashes.hex(nonce), new ArrayList<>(leaves));
    }

    /** The worker's side: the leaves asked for from the shard it holds ({@code null}: it holds none), signed. */
    public static Answer answer(Challenge challenge, String workerId, byte[] shard, Ed25519.KeyPair keys) {
        List<ProvenLeaf> proven = new ArrayList<>();
        if (shard != null && shard.length > 0) {
            int count = ShardTree.leafCount(shard.length);
            int[] asked = challenge.leaves().stream()
                    .mapToInt(Integer::intValue)
                    .filter(i -> i >= 0 && i < count)
                    .toArray();
            for (ShardTree.LeafProof proof : ShardTree.prove(shard, 0, shard.length, asked)) {
                proven.add(new ProvenLeaf(
                        proof.index(),
                        Base64.getEncoder().encodeToString(proof.leaf()),
                        proof.path().stream().map(Hashes::hex).toList()));
            }
        }
        Answer unsigned =
                new Answer(challenge.challengeId(), challenge.shardId(), challenge.nonce(), workerId, proven, "");
        return new Answer(
                unsigned.challengeId(),
                unsigned.shardId(),
                unsigned.nonce(),
                workerId,
                proven,
                keys.signHex(unsigned.signedBytes()));
    }

    /**
     * The scheduler's side: whether the answer proves every leaf asked for against the root recorded at upload,
     * from the worker the shard was placed on.
     */
    public static Verdict judge(
            Challenge challenge,
            Answer answer,
            String expectedWorkerId,
            String workerPublicKeyHex,
            byte[] recordedRoot,
            int shardLength) {
        if (!answer.workerId().equals(expectedWorkerId)) {
            return Verdict.fail("answered by " + answer.workerId() + ", not by " + expectedWorkerId);
        }
        if (!Ed25519.verifyHex(workerPublicKeyHex, answer.signedBytes(), answer.signature())) {
            return Verdict.fail("the answer is not signed by the worker's key");
        }
        if (!answer.challengeId().equals(challenge.challengeId())
                || !answer.shardId().equals(challenge.shardId())
                || !answer.nonce().equals(challenge.nonce())) {
            return Verdict.fail("the answer is to another challenge");
        }
        if (answer.leaves().isEmpty()) {
            return Verdict.fail("the worker does not hold the shard");
        }
        List<Integer> given = answer.leaves().stream().map(ProvenLeaf::index).toList();
        if (!given.equals(challenge.leaves())) {
            return Verdict.fail("leaves " + given + " answered, " + challenge.leaves() + " asked");
        }
        for (ProvenLeaf leaf : answer.leaves()) {
            ShardTree.LeafProof proof;
            try {
                proof = new ShardTree.LeafProof(
                        leaf.index(),
                        Base64.getDecoder().decode(leaf.data()),
                        leaf.path().stream().map(Hashes::unhex).toList());
            } catch (IllegalArgumentException e) {
                return Verdict.fail("leaf " + leaf.index() + " is not well formed");
            }
            if (!ShardTree.verify(recordedRoot, shardLength, proof)) {
                return Verdict.fail("leaf " + leaf.index() + " does not prove against the recorded root");
            }
        }
        return Verdict.pass();
    }
}
