package dev.dcp.bench;

import dev.dcp.common.crypto.Ed25519;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Ed25519 over 32-byte messages (a transaction signs the raw bytes of its id). Cycles through {@link Fixtures#POOL}
 * distinct keys and messages; the inputs are shared read-only, each thread has its own cursor. 1,024 keys fit in
 * Ed25519's decoded-key caches (public keys up to 10,000), so after the first pass this measures the cached-key path,
 * which is the ledger's: its senders are few.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Ed25519Bench {

    @State(Scope.Benchmark)
    public static class Inputs {
        Ed25519.KeyPair[] keys;
        byte[][] publicKeys;
        byte[][] messages;
        byte[][] signatures;

        @Setup
        public void setUp() {
            SplittableRandom random = new SplittableRandom(Fixtures.SEED);
            int n = Fixtures.POOL;
            keys = new Ed25519.KeyPair[n];
            publicKeys = new byte[n][];
            messages = new byte[n][32];
            signatures = new byte[n][];
            for (int i = 0; i < n; i++) {
                keys[i] = Fixtures.key(random);
                publicKeys[i] = keys[i].publicKey();
                random.nextBytes(messages[i]);
                signatures[i] = keys[i].sign(messages[i]);
                if (!Ed25519.verify(publicKeys[i], messages[i], signatures[i])) {
                    throw new IllegalStateException("fixture signature does not verify");
                }
            }
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int i;

        int next() {
            i = (i + 1) & (Fixtures.POOL - 1);
            return i;
        }
    }

    @Benchmark
    @Threads(1)
    public boolean verify(Inputs in, Cursor c) {
        int i = c.next();
        return Ed25519.verify(in.publicKeys[i], in.messages[i], in.signatures[i]);
    }

    @Benchmark
    @Threads(2)
    public boolean verify2Threads(Inputs in, Cursor c) {
        int i = c.next();
        return Ed25519.verify(in.publicKeys[i], in.messages[i], in.signatures[i]);
    }

    @Benchmark
    @Threads(1)
    public byte[] sign(Inputs in, Cursor c) {
        int i = c.next();
        return in.keys[i].sign(in.messages[i]);
    }
}
