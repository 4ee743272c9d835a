package dev.dcp.testkit;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.SplittableRandom;

/**
 * {@code size} pseudo-random bytes made as they are read and hashed as they go, so a test or a load run can stream
 * an object of any size without holding it, then compare the digest with what comes back.
 */
public final class GeneratedBytes extends InputStream {

    private final SplittableRandom random;
    private final MessageDigest digest;
    private long left;

    public GeneratedBytes(long size, long seed, MessageDigest digest) {
        this.left = size;
        this.random = new SplittableRandom(seed);
        this.digest = digest;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (left == 0) {
            return -1;
        }
        int n = (int) Math.min(len, left);
        for (int i = 0; i < n; i += 8) {
            long r = random.nextLong();
            for (int j = 0; j < 8 && i + j < n; j++) {
                b[off + i + j] = (byte) (r >>> (8 * j));
            }
        }
        digest.update(b, off, n);
        left -= n;
        return n;
    }
}
