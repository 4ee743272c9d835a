package dev.dcp.bench;

import dev.dcp.common.ledger.MerkleTree;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** RFC 6962 Merkle root and audit path over a block of 32-byte transaction ids (default block: 1,000 txs). */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class MerkleBench {

    @Param("1000")
    public int leafCount;

    private List<byte[]> leaves;
    private List<String> leavesHex;
    private int leafIndex;

    @Setup
    public void setUp() {
        leaves = Fixtures.leaves(Fixtures.SEED, leafCount);
        leavesHex = Fixtures.hex(leaves);
        leafIndex = leafCount * 3 / 5; // an arbitrary leaf that is not on the tree's edge
        byte[] root = MerkleTree.root(leaves);
        if (!MerkleTree.verifyInclusion(
                leaves.get(leafIndex), leafIndex, leafCount, MerkleTree.auditPath(leaves, leafIndex), root)) {
            throw new IllegalStateException("audit path does not verify");
        }
    }

    @Benchmark
    public byte[] root() {
        return MerkleTree.root(leaves);
    }

    /** What LedgerIngest.commit actually calls: the root over hex ids (adds unhex of every leaf and hex of the root). */
    @Benchmark
    public String rootHex() {
        return MerkleTree.rootHex(leavesHex);
    }

    @Benchmark
    public List<byte[]> auditPath() {
        return MerkleTree.auditPath(leaves, leafIndex);
    }
}
