package dev.dcp.common.ledger;

import dev.dcp.common.crypto.Hashes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** RFC 6962 Merkle Tree Hash and audit paths over 32-byte leaves (transaction ids). */
public final class MerkleTree {

    private MerkleTree() {}

    public static String rootHex(List<String> leafIdsHex) {
        return Hashes.hex(root(leaves(leafIdsHex)));
    }

    public static byte[] root(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return Hashes.sha256(new byte[0]);
        }
        return hash(leaves, 0, leaves.size(), Hashes.sha256());
    }

    /** The audit path of leaf m, bottom-up, as RFC 6962 section 2.1.1 defines PATH(m, D[n]). */
    public static List<byte[]> auditPath(List<byte[]> leaves, int m) {
        if (m < 0 || m >= leaves.size()) {
            throw new IndexOutOfBoundsException("leaf " + m + " of " + leaves.size());
        }
        List<byte[]> path = new ArrayList<>();
        path(leaves, m, 0, leaves.size(), path, Hashes.sha256());
        return path;
    }

    public static List<String> auditPathHex(List<String> leafIdsHex, int m) {
        return auditPath(leaves(leafIdsHex), m).stream().map(Hashes::hex).toList();
    }

    /** Recomputes the root from a leaf and its audit path (RFC 9162 section 2.1.3.2). */
    public static boolean verifyInclusion(byte[] leaf, int leafIndex, int treeSize, List<byte[]> path, byte[] root) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            return false;
        }
        MessageDigest sha = Hashes.sha256();
        long fn = leafIndex;
        long sn = treeSize - 1L;
        byte[] r = leafHash(leaf, sha);
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r, sha);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p, sha);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    private static List<byte[]> leaves(List<String> hex) {
        List<byte[]> out = new ArrayList<>(hex.size());
        for (String h : hex) {
            out.add(Hashes.unhex(h));
        }
        return out;
    }

    private static byte[] hash(List<byte[]> d, int from, int to, MessageDigest sha) {
        int n = to - from;
        if (n == 1) {
            return leafHash(d.get(from), sha);
        }
        int k = largestPowerOfTwoBelow(n);
        byte[] left = hash(d, from, from + k, sha);
        byte[] right = hash(d, from + k, to, sha);
        return nodeHash(left, right, sha);
    }

    private static void path(List<byte[]> d, int m, int from, int to, List<byte[]> out, MessageDigest sha) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(d, m, from, from + k, out, sha);
            out.add(hash(d, from + k, to, sha));
        } else {
            path(d, m - k, from + k, to, out, sha);
            out.add(hash(d, from, from + k, sha));
        }
    }

    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static byte[] leafHash(byte[] leaf, MessageDigest sha) {
        sha.reset();
        sha.update((byte) 0x00);
        sha.update(leaf);
        return sha.digest();
    }

    private static byte[] nodeHash(byte[] left, byte[] right, MessageDigest sha) {
        sha.reset();
        sha.update((byte) 0x01);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }
}
