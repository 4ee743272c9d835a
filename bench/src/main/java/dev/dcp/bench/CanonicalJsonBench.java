package dev.dcp.bench;

import dev.dcp.common.json.CanonicalJson;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** RFC 8785 canonical JSON of a typical transaction body (what Transaction.computeId hashes). */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class CanonicalJsonBench {

    private Map<String, Object> body;

    @Setup
    public void setUp() {
        body = Fixtures.body(new SplittableRandom(Fixtures.SEED));
    }

    @Benchmark
    public byte[] canonicalBytes() {
        return CanonicalJson.bytes(body);
    }
}
