package dev.dcp.bench;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.json.CanonicalJson;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** SHA-256 of a transaction body's canonical JSON (the transaction id), including MessageDigest.getInstance. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class Sha256Bench {

    private byte[] canonical;

    @Setup
    public void setUp() {
        canonical = CanonicalJson.bytes(Fixtures.body(new SplittableRandom(Fixtures.SEED)));
        if (canonical.length < 150 || canonical.length > 250) {
            throw new IllegalStateException("expected ~200 bytes of canonical JSON, got " + canonical.length);
        }
        System.out.println("\ncanonical JSON hashed: " + canonical.length + " bytes");
    }

    @Benchmark
    public byte[] sha256() {
        return Hashes.sha256(canonical);
    }
}
