package dev.dcp.common.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    // ---- an independent, deliberately naive RFC 6962 section 2.1 implementation ----

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                sha.update(p);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] leafHash(byte[] d) {
        return sha256(new byte[] {0x00}, d);
    }

    private static byte[] nodeHash(byte[] left, byte[] right) {
        return sha256(new byte[] {0x01}, left, right);
    }

    /** k: the largest power of two smaller than n (n > 1). */
    private static int split(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }

    /** MTH(D[n]) */
    private static byte[] mth(List<byte[]> d) {
        if (d.isEmpty()) {
            return sha256();
        }
        if (d.size() == 1) {
            return leafHash(d.get(0));
        }
        int k = split(d.size());
        return nodeHash(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
    }

    /** PATH(m, D[n]) */
    private static List<byte[]> path(int m, List<byte[]> d) {
        List<byte[]> out = new ArrayList<>();
        if (d.size() <= 1) {
            return out;
        }
        int k = split(d.size());
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(mth(d.subList(k, d.size())));
        } else {
            out.addAll(path(m - k, d.subList(k, d.size())));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    private static List<byte[]> randomLeaves(Random random, int n) {
        List<byte[]> leaves = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] leaf = new byte[32];
            random.nextBytes(leaf);
            leaves.add(leaf);
        }
        return leaves;
    }

    private static List<String> hex(List<byte[]> values) {
        return values.stream().map(HEX::formatHex).toList();
    }

    // ---- tests ----

    @Test
    void rootOfNoLeavesIsSha256OfNothing() {
        assertThat(HEX.formatHex(MerkleTree.root(List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(MerkleTree.rootHex(List.of()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void rootOfOneLeafIsSha256OfZeroByteAndLeaf() {
        byte[] d = HEX.parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        byte[] prefixed = new byte[33];
        System.arraycopy(d, 0, prefixed, 1, 32);

        assertThat(MerkleTree.root(List.of(d))).isEqualTo(sha256(prefixed));
    }

    @Test
    void rootOfTwoLeavesIsNodeHashOfTheirLeafHashes() {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        b[31] = 1;

        assertThat(MerkleTree.root(List.of(a, b))).isEqualTo(nodeHash(leafHash(a), leafHash(b)));
        assertThat(MerkleTree.root(List.of(b, a))).isNotEqualTo(MerkleTree.root(List.of(a, b)));
    }

    @Test
    void rootOfThreeLeavesPairsTheFirstTwo() {
        List<byte[]> d = randomLeaves(new Random(3), 3);

        byte[] expected = nodeHash(nodeHash(leafHash(d.get(0)), leafHash(d.get(1))), leafHash(d.get(2)));

        assertThat(MerkleTree.root(d)).isEqualTo(expected);
    }

    @Test
    void rootOfEverySizeUpToSeventyMatchesRfc6962Definition() {
        Random random = new Random(6962);
        for (int n = 1; n <= 70; n++) {
            List<byte[]> leaves = randomLeaves(random, n);

            assertThat(MerkleTree.root(leaves)).as("n=%d", n).isEqualTo(mth(leaves));
            assertThat(MerkleTree.rootHex(hex(leaves))).as("n=%d", n).isEqualTo(HEX.formatHex(mth(leaves)));
        }
    }

    @Test
    void rootChangesWhenAnyLeafChanges() {
        List<byte[]> leaves = randomLeaves(new Random(11), 13);
        byte[] root = MerkleTree.root(leaves);
        for (int i = 0; i < leaves.size(); i++) {
            List<byte[]> altered = new ArrayList<>(leaves);
            byte[] leaf = leaves.get(i).clone();
            leaf[0] ^= 1;
            altered.set(i, leaf);

            assertThat(MerkleTree.root(altered)).as("leaf %d", i).isNotEqualTo(root);
        }
    }

    @Test
    void pathOfLastLeafOfThreeIsTheHashOfTheFirstTwo() {
        List<byte[]> d = randomLeaves(new Random(33), 3);
        byte[] l0 = leafHash(d.get(0));
        byte[] l1 = leafHash(d.get(1));
        byte[] l2 = leafHash(d.get(2));

        assertThat(hex(MerkleTree.auditPath(d, 2))).containsExactly(HEX.formatHex(nodeHash(l0, l1)));
        assertThat(hex(MerkleTree.auditPath(d, 0))).containsExactly(HEX.formatHex(l1), HEX.formatHex(l2));
        assertThat(hex(MerkleTree.auditPath(d, 1))).containsExactly(HEX.formatHex(l0), HEX.formatHex(l2));
    }

    @Test
    void pathsInTheSevenLeafTreeMatchRfc6962Section213Example() {
        // leaves a..f, j = d0..d6; g=H(a,b), h=H(c,d), i=H(e,f), k=H(g,h), l=H(i,j)
        List<byte[]> d = randomLeaves(new Random(7), 7);
        byte[] a = leafHash(d.get(0));
        byte[] b = leafHash(d.get(1));
        byte[] c = leafHash(d.get(2));
        byte[] dd = leafHash(d.get(3));
        byte[] e = leafHash(d.get(4));
        byte[] f = leafHash(d.get(5));
        byte[] j = leafHash(d.get(6));
        byte[] g = nodeHash(a, b);
        byte[] h = nodeHash(c, dd);
        byte[] i = nodeHash(e, f);
        byte[] k = nodeHash(g, h);
        byte[] l = nodeHash(i, j);

        assertThat(MerkleTree.root(d)).isEqualTo(nodeHash(k, l));
        assertThat(hex(MerkleTree.auditPath(d, 0))).containsExactlyElementsOf(hex(List.of(b, h, l)));
        assertThat(hex(MerkleTree.auditPath(d, 3))).containsExactlyElementsOf(hex(List.of(c, g, l)));
        assertThat(hex(MerkleTree.auditPath(d, 4))).containsExactlyElementsOf(hex(List.of(f, j, k)));
        assertThat(hex(MerkleTree.auditPath(d, 6))).containsExactlyElementsOf(hex(List.of(i, k)));
    }

    @Test
    void auditPathOfEveryLeafMatchesRfc6962Definition() {
        Random random = new Random(40);
        for (int n = 1; n <= 40; n++) {
            List<byte[]> leaves = randomLeaves(random, n);
            for (int m = 0; m < n; m++) {
                assertThat(hex(MerkleTree.auditPath(leaves, m)))
                        .as("n=%d m=%d", n, m)
                        .containsExactlyElementsOf(hex(path(m, leaves)));
                assertThat(MerkleTree.auditPathHex(hex(leaves), m))
                        .as("n=%d m=%d", n, m)
                        .containsExactlyElementsOf(hex(path(m, leaves)));
            }
        }
    }

    @Test
    void auditPathOfEveryLeafVerifiesAgainstTheRoot() {
        Random random = new Random(1);
        for (int n = 1; n <= 40; n++) {
            List<byte[]> leaves = randomLeaves(random, n);
            byte[] root = MerkleTree.root(leaves);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = MerkleTree.auditPath(leaves, m);

                assertThat(MerkleTree.verifyInclusion(leaves.get(m), m, n, path, root))
                        .as("n=%d m=%d", n, m)
                        .isTrue();
            }
        }
    }

    @Test
    void inclusionFailsForAWrongLeaf() {
        Random random = new Random(2);
        for (int n = 1; n <= 40; n++) {
            List<byte[]> leaves = randomLeaves(random, n);
            byte[] root = MerkleTree.root(leaves);
            for (int m = 0; m < n; m++) {
                byte[] wrong = leaves.get(m).clone();
                wrong[31] ^= (byte) 0x80;

                assertThat(MerkleTree.verifyInclusion(wrong, m, n, MerkleTree.auditPath(leaves, m), root))
                        .as("n=%d m=%d", n, m)
                        .isFalse();
                if (n > 1) {
                    byte[] neighbour = leaves.get((m + 1) % n);
                    assertThat(MerkleTree.verifyInclusion(neighbour, m, n, MerkleTree.auditPath(leaves, m), root))
                            .as("neighbour of n=%d m=%d", n, m)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void inclusionFailsForAWrongIndex() {
        Random random = new Random(3);
        for (int n = 1; n <= 40; n++) {
            List<byte[]> leaves = randomLeaves(random, n);
            byte[] root = MerkleTree.root(leaves);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = MerkleTree.auditPath(leaves, m);
                for (int other = -1; other <= n; other++) {
                    if (other == m) {
                        continue;
                    }
                    assertThat(MerkleTree.verifyInclusion(leaves.get(m), other, n, path, root))
                            .as("n=%d m=%d claimed %d", n, m, other)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void inclusionFailsForATamperedPathElement() {
        Random random = new Random(4);
        for (int n = 2; n <= 40; n++) {
            List<byte[]> leaves = randomLeaves(random, n);
            byte[] root = MerkleTree.root(leaves);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = MerkleTree.auditPath(leaves, m);
                for (int p = 0; p < path.size(); p++) {
                    List<byte[]> tampered = new ArrayList<>(path);
                    byte[] element = path.get(p).clone();
                    element[p % 32] ^= 1;
                    tampered.set(p, element);

                    assertThat(MerkleTree.verifyInclusion(leaves.get(m), m, n, tampered, root))
                            .as("n=%d m=%d element %d", n, m, p)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void inclusionFailsForATruncatedOrExtendedPath() {
        Random random = new Random(5);
        for (int n = 2; n <= 40; n++) {
            List<byte[]> leaves = randomLeaves(random, n);
            byte[] root = MerkleTree.root(leaves);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = MerkleTree.auditPath(leaves, m);
                List<byte[]> longer = new ArrayList<>(path);
                longer.add(root);

                assertThat(MerkleTree.verifyInclusion(leaves.get(m), m, n, path.subList(0, path.size() - 1), root))
                        .as("n=%d m=%d truncated", n, m)
                        .isFalse();
                assertThat(MerkleTree.verifyInclusion(leaves.get(m), m, n, longer, root))
                        .as("n=%d m=%d extended", n, m)
                        .isFalse();
            }
        }
    }

    @Test
    void inclusionFailsAgainstAnotherRootOrTreeSize() {
        List<byte[]> leaves = randomLeaves(new Random(6), 9);
        byte[] root = MerkleTree.root(leaves);
        byte[] otherRoot = MerkleTree.root(leaves.subList(0, 8));
        List<byte[]> path = MerkleTree.auditPath(leaves, 8);

        assertThat(MerkleTree.verifyInclusion(leaves.get(8), 8, 9, path, root)).isTrue();
        assertThat(MerkleTree.verifyInclusion(leaves.get(8), 8, 9, path, otherRoot))
                .isFalse();
        assertThat(MerkleTree.verifyInclusion(leaves.get(8), 8, 10, path, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaves.get(8), 8, 8, path, root)).isFalse();
    }

    @Test
    void singleLeafTreeHasAnEmptyPathThatVerifies() {
        List<byte[]> leaves = randomLeaves(new Random(8), 1);

        assertThat(MerkleTree.auditPath(leaves, 0)).isEmpty();
        assertThat(MerkleTree.verifyInclusion(leaves.get(0), 0, 1, List.of(), leafHash(leaves.get(0))))
                .isTrue();
    }

    @Test
    void auditPathOfALeafOutsideTheTreeIsRefused() {
        List<byte[]> leaves = randomLeaves(new Random(9), 4);

        assertThatThrownBy(() -> MerkleTree.auditPath(leaves, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> MerkleTree.auditPath(leaves, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> MerkleTree.auditPath(List.of(), 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
