package dev.dcp.common.storage;

import dev.dcp.common.ledger.MerkleTree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The RFC 6962 Merkle tree over a shard cut into fixed-size leaves (the last one shorter): its root is recorded when
 * the shard is placed, and an audit asks for a few leaves with their audit paths, which only a holder of the whole
 * shard can answer for leaves chosen after the fact. An object's own root is the same tree over its shards' roots,
 * segment by segment, shard by shard.
 */
public final class ShardTree {

    public static final int LEAF_BYTES = 4096;

    private ShardTree() {}

    public static int leafCount(int shardLength) {
        if (shardLength < 1) {
            throw new IllegalArgumentException("a shard has at least one byte");
        }
        return (shardLength + LEAF_BYTES - 1) / LEAF_BYTES;
    }

    public static byte[] root(byte[] shard, int offset, int length) {
        return MerkleTree.root(leaves(shard, offset, length));
    }

    public static byte[] root(byte[] shard) {
        return root(shard, 0, shard.length);
    }

    /** Whether the shard's bytes are exactly the ones whose root was recorded. */
    public static boolean matches(byte[] expectedRoot, byte[] shard, int offset, int length) {
        return length > 0 && Arrays.equals(expectedRoot, root(shard, offset, length));
    }

    public static byte[] objectRoot(List<byte[]> shardRoots) {
        return MerkleTree.root(shardRoots);
    }

    /** The leaves asked for, each with its audit path: what a worker answers an audit with. */
    public static List<LeafProof> prove(byte[] shard, int offset, int length, int[] leafIndices) {
        List<byte[]> leaves = leaves(shard, offset, length);
        List<LeafProof> proofs = new ArrayList<>(leafIndices.length);
        for (int index : leafIndices) {
            proofs.add(new LeafProof(index, leaves.get(index), MerkleTree.auditPath(leaves, index)));
        }
        return proofs;
    }

    /** Whether a proof shows leaf {@code proof.index()} of the shard with this root and length. */
    public static boolean verify(byte[] root, int shardLength, LeafProof proof) {
        int count = leafCount(shardLength);
        if (proof.index() < 0 || proof.index() >= count) {
            return false;
        }
        int expectedLength = proof.index() == count - 1 ? shardLength - (count - 1) * LEAF_BYTES : LEAF_BYTES;
        return proof.leaf().length == expectedLength
                && MerkleTree.verifyInclusion(proof.leaf(), proof.index(), count, proof.path(), root);
    }

    private static List<byte[]> leaves(byte[] shard, int offset, int length) {
        int count = leafCount(length);
        List<byte[]> leaves = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = offset + i * LEAF_BYTES;
            leaves.add(Arrays.copyOfRange(shard, from, Math.min(offset + length, from + LEAF_BYTES)));
        }
        return leaves;
    }

    /** One leaf of a shard and the sibling hashes from it up to the root, bottom-up. */
    public record LeafProof(int index, byte[] leaf, List<byte[]> path) {
        public LeafProof {
            leaf = leaf.clone();
            path = List.copyOf(path);
        }
    }
}
