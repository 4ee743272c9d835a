package dev.dcp.common.storage;

/**
 * How an object of {@code size} bytes is cut: into segments of {@code segmentSize} bytes (the last one shorter),
 * each sealed with its authentication tag and coded into {@code k} data and {@code m} parity shards of equal length.
 * An empty object has no segments.
 */
public record ObjectLayout(long size, int segmentSize, int k, int m) {

    public static final int DEFAULT_SEGMENT_SIZE = 4 * 1024 * 1024;

    public ObjectLayout {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        if (segmentSize < 1) {
            throw new IllegalArgumentException("segment size must be positive");
        }
        if (k < 1 || m < 0 || k + m > 256) {
            throw new IllegalArgumentException("need 1 <= k, 0 <= m, k + m <= 256");
        }
        if ((size + segmentSize - 1) / segmentSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many segments");
        }
    }

    public int segments() {
        return (int) ((size + segmentSize - 1) / segmentSize);
    }

    public int shardsPerSegment() {
        return k + m;
    }

    public long segmentOffset(int segment) {
        checkSegment(segment);
        return (long) segment * segmentSize;
    }

    public int segmentLength(int segment) {
        return (int) Math.min(segmentSize, size - segmentOffset(segment));
    }

    /** A segment's bytes once encrypted: the plaintext and the cipher's tags. */
    public int sealedLength(int segment) {
        return SegmentCipher.sealedLength(segmentLength(segment));
    }

    /** Every shard of a segment has this length; the last data shard is padded with zeros to it. */
    public int shardLength(int segment) {
        return (sealedLength(segment) + k - 1) / k;
    }

    /** The bytes all shards of the object take on providers' disks. */
    public long storedBytes() {
        long total = 0;
        for (int s = 0; s < segments(); s++) {
            total += (long) shardLength(s) * (k + m);
        }
        return total;
    }

    /** The segment that holds byte {@code offset} of the object. */
    public int segmentOf(long offset) {
        if (offset < 0 || offset >= size) {
            throw new IndexOutOfBoundsException("byte " + offset + " of an object of " + size);
        }
        return (int) (offset / segmentSize);
    }

    private void checkSegment(int segment) {
        if (segment < 0 || segment >= segments()) {
            throw new IndexOutOfBoundsException("segment " + segment + " of " + segments());
        }
    }
}
