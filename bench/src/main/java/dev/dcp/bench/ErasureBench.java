package dev.dcp.bench;

import dev.dcp.common.storage.ObjectLayout;
import dev.dcp.common.storage.PlatformKey;
import dev.dcp.common.storage.ReedSolomon;
import dev.dcp.common.storage.SegmentCipher;
import dev.dcp.common.storage.SegmentCodec;
import dev.dcp.common.storage.ShardTree;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The storage path's per-segment work on one core: Reed-Solomon parity and reconstruction alone (the target
 * is 1 GB/s of data per core for k=4, m=2), and the whole pipeline a segment goes through at upload (AES-GCM, coding,
 * one Merkle root per shard) and at read. Each operation handles one segment, so MB/s = ops/s × segment MiB.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class ErasureBench {

    @Param("4")
    public int k;

    @Param("2")
    public int m;

    /** Bytes of plaintext per segment. */
    @Param("4194304")
    public int segmentSize;

    private ReedSolomon coder;
    private byte[][] shards;
    private byte[][] damaged;
    private boolean[] present;
    private int shardLength;

    private byte[] segment;
    private SegmentCodec codec;
    private SegmentCipher cipher;
    private byte[][] encoded;
    private byte[][] encodedMissingTwo;

    @Setup
    public void setUp() {
        Random random = new Random(Fixtures.SEED);
        coder = new ReedSolomon(k, m);
        shardLength = segmentSize / k;
        shards = new byte[k + m][shardLength];
        for (int d = 0; d < k; d++) {
            random.nextBytes(shards[d]);
        }
        coder.encodeParity(shards, 0, shardLength);
        damaged = new byte[k + m][];
        present = new boolean[k + m];
        for (int i = 0; i < k + m; i++) {
            damaged[i] = shards[i].clone();
            // the worst case for reading: as many data shards lost as there are parity shards
            present[i] = i >= Math.min(m, k);
        }

        segment = new byte[segmentSize];
        random.nextBytes(segment);
        codec = new SegmentCodec(new ObjectLayout(segmentSize, segmentSize, k, m));
        cipher = new SegmentCipher(PlatformKey.newObjectKey());
        encoded = codec.encode(0, cipher, segment, 0);
        encodedMissingTwo = encoded.clone();
        for (int i = 0; i < Math.min(m, k); i++) {
            encodedMissingTwo[i] = null;
        }
        if (!java.util.Arrays.equals(codec.decode(0, cipher, encodedMissingTwo), segment)) {
            throw new IllegalStateException("the segment does not come back");
        }
    }

    /** Parity of one segment's data shards: the coder alone. */
    @Benchmark
    public byte[][] encodeParity() {
        coder.encodeParity(shards, 0, shardLength);
        return shards;
    }

    /** Rebuilding m lost data shards (and nothing else) from the survivors. */
    @Benchmark
    public byte[][] reconstructLostData() {
        coder.reconstruct(damaged, present, 0, shardLength);
        return damaged;
    }

    /** AES-256-GCM over one segment alone. */
    @Benchmark
    public byte[] seal() {
        return cipher.seal(0, segment, 0, segmentSize);
    }

    /** The Merkle roots of one segment's k + m shards alone. */
    @Benchmark
    public byte[] shardRoots() {
        byte[] last = null;
        for (byte[] shard : encoded) {
            last = ShardTree.root(shard);
        }
        return last;
    }

    /** Upload, per segment: seal, code, and the Merkle root of every shard. */
    @Benchmark
    public byte[] sealCodeAndRoot() {
        byte[][] out = codec.encode(0, cipher, segment, 0);
        byte[] last = null;
        for (byte[] shard : out) {
            last = ShardTree.root(shard);
        }
        return last;
    }

    /** Read, per segment, with m data shards lost: check k shards against their roots, rebuild, open. */
    @Benchmark
    public byte[] checkRebuildAndOpen() {
        for (byte[] shard : encodedMissingTwo) {
            if (shard != null) {
                ShardTree.root(shard);
            }
        }
        return codec.decode(0, cipher, encodedMissingTwo);
    }
}
