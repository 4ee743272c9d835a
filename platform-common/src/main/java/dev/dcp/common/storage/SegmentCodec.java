package dev.dcp.common.storage;

/**
 * Turns one plaintext segment into its {@code k + m} shards and back: seal with the object's cipher, cut the sealed
 * bytes into {@code k} data shards (the last padded with zeros), add {@code m} parity shards. Decoding takes any
 * {@code k} good shards; the caller has checked each against its recorded root, so what it hands in is right.
 */
public final class SegmentCodec {

    private final ObjectLayout layout;
    private final ReedSolomon coder;

    public SegmentCodec(ObjectLayout layout) {
        this.layout = layout;
        this.coder = new ReedSolomon(layout.k(), layout.m());
    }

    public ObjectLayout layout() {
        return layout;
    }

    /** The shards of segment {@code segment}, whose plaintext is {@code plain[offset, offset + segmentLength)}. */
    public byte[][] encode(int segment, SegmentCipher cipher, byte[] plain, int offset) {
        byte[] sealed = cipher.seal(segment, plain, offset, layout.segmentLength(segment));
        int shardLength = layout.shardLength(segment);
        byte[][] shards = new byte[layout.shardsPerSegment()][shardLength];
        for (int d = 0; d < layout.k(); d++) {
            int from = d * shardLength;
            int n = Math.max(0, Math.min(shardLength, sealed.length - from));
            if (n > 0) {
                System.arraycopy(sealed, from, shards[d], 0, n);
            }
        }
        coder.encodeParity(shards, 0, shardLength);
        return shards;
    }

    /**
     * The plaintext of a segment from its shards, {@code null} where a shard is missing or failed its root.
     *
     * @throws NotEnoughShards when fewer than {@code k} shards are given
     * @throws SegmentCipher.SegmentTampered when the rebuilt bytes do not authenticate
     */
    public byte[] decode(int segment, SegmentCipher cipher, byte[][] shards) {
        int shardLength = layout.shardLength(segment);
        boolean dataComplete = true;
        for (int d = 0; d < layout.k(); d++) {
            dataComplete &= shards[d] != null;
        }
        byte[][] work = dataComplete ? checked(segment, shards) : rebuild(segment, shards);
        int sealedLength = layout.sealedLength(segment);
        byte[] sealed = new byte[sealedLength];
        for (int d = 0; d < layout.k(); d++) {
            int from = d * shardLength;
            int n = Math.max(0, Math.min(shardLength, sealedLength - from));
            if (n > 0) {
                System.arraycopy(work[d], 0, sealed, from, n);
            }
        }
        return cipher.open(segment, sealed, 0, sealedLength);
    }

    /**
     * Every shard of a segment from those given ({@code null} where missing), without decrypting anything: what a
     * repair places again, and what a read decodes when a data shard is missing.
     *
     * @throws NotEnoughShards when fewer than {@code k} shards are given
     */
    public byte[][] rebuild(int segment, byte[][] shards) {
        int shardLength = layout.shardLength(segment);
        checked(segment, shards);
        byte[][] work = new byte[shards.length][];
        boolean[] present = new boolean[shards.length];
        for (int i = 0; i < shards.length; i++) {
            present[i] = shards[i] != null;
            work[i] = present[i] ? shards[i] : new byte[shardLength];
        }
        coder.reconstruct(work, present, 0, shardLength);
        return work;
    }

    private byte[][] checked(int segment, byte[][] shards) {
        int shardLength = layout.shardLength(segment);
        if (shards.length != layout.shardsPerSegment()) {
            throw new IllegalArgumentException("expected " + layout.shardsPerSegment() + " shards");
        }
        for (int i = 0; i < shards.length; i++) {
            if (shards[i] != null && shards[i].length != shardLength) {
                throw new IllegalArgumentException(
                        "shard " + i + " has " + shards[i].length + " bytes, not " + shardLength);
            }
        }
        return shards;
    }
}
