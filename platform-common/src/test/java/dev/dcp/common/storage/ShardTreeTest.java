package dev.dcp.common.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.ledger.MerkleTree;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ShardTreeTest {

    @Property(tries = 100)
    void everyLeafOfAShardProvesAgainstItsRoot(@ForAll @IntRange(min = 1, max = 40_000) int length, @ForAll long seed) {
        byte[] shard = new byte[length];
        new Random(seed).nextBytes(shard);
        byte[] root = ShardTree.root(shard);
        int leaves = ShardTree.leafCount(length);
        int[] all = new int[leaves];
        for (int i = 0; i < leaves; i++) {
            all[i] = i;
        }
        for (ShardTree.LeafProof proof : ShardTree.prove(shard, 0, length, all)) {
            assertThat(ShardTree.verify(root, length, proof)).isTrue();
        }
    }

    @Test
    void aFlippedByteFailsTheProofOfEveryLeafComputedFromTheAlteredShard() {
        byte[] shard = new byte[3 * ShardTree.LEAF_BYTES + 100];
        new Random(1).nextBytes(shard);
        byte[] root = ShardTree.root(shard);
        shard[2 * ShardTree.LEAF_BYTES + 5] ^= 0x40;

        assertThat(ShardTree.matches(root, shard, 0, shard.length)).isFalse();
        ShardTree.LeafProof proof =
                ShardTree.prove(shard, 0, shard.length, new int[] {2}).get(0);
        assertThat(ShardTree.verify(root, shard.length, proof)).isFalse();
        // Its path climbs through the altered leaf's subtree, so it leads to the altered root, not the recorded one.
        ShardTree.LeafProof untouched =
                ShardTree.prove(shard, 0, shard.length, new int[] {0}).get(0);
        assertThat(ShardTree.verify(root, shard.length, untouched)).isFalse();
    }

    @Test
    void aProofForOneLeafDoesNotPassForAnother() {
        byte[] shard = new byte[4 * ShardTree.LEAF_BYTES];
        new Random(2).nextBytes(shard);
        byte[] root = ShardTree.root(shard);
        ShardTree.LeafProof proof =
                ShardTree.prove(shard, 0, shard.length, new int[] {1}).get(0);

        assertThat(ShardTree.verify(root, shard.length, new ShardTree.LeafProof(2, proof.leaf(), proof.path())))
                .isFalse();
        assertThat(ShardTree.verify(root, shard.length, new ShardTree.LeafProof(9, proof.leaf(), proof.path())))
                .isFalse();
    }

    @Test
    void aTruncatedShardCannotProveItsLastLeaf() {
        byte[] shard = new byte[2 * ShardTree.LEAF_BYTES + 10];
        new Random(3).nextBytes(shard);
        byte[] root = ShardTree.root(shard);
        byte[] truncated = java.util.Arrays.copyOf(shard, shard.length - 1);
        ShardTree.LeafProof proof =
                ShardTree.prove(truncated, 0, truncated.length, new int[] {2}).get(0);

        assertThat(ShardTree.verify(root, shard.length, proof)).isFalse();
    }

    @Test
    void leavesAreFixedSizeSlicesHashedAsRfc6962Leaves() {
        byte[] shard = new byte[ShardTree.LEAF_BYTES + 1];
        new Random(4).nextBytes(shard);
        byte[] expected = MerkleTree.root(List.of(
                java.util.Arrays.copyOfRange(shard, 0, ShardTree.LEAF_BYTES),
                java.util.Arrays.copyOfRange(shard, ShardTree.LEAF_BYTES, shard.length)));
        assertThat(ShardTree.root(shard)).isEqualTo(expected);
        assertThat(ShardTree.leafCount(ShardTree.LEAF_BYTES)).isEqualTo(1);
        assertThat(ShardTree.leafCount(ShardTree.LEAF_BYTES + 1)).isEqualTo(2);
    }
}
