package dev.dcp.bench;

import dev.dcp.common.json.Json;
import dev.dcp.common.ledger.Transaction;
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
 * The per-transaction CPU cost of ledger ingest: parse the JSON read off Kafka into a Transaction, then
 * isAuthentic() (canonical JSON + SHA-256 to recompute the id, then Ed25519 verify). Cycles through
 * {@link Fixtures#POOL} signed transactions from distinct senders (fewer than Ed25519's decoded-key cache holds,
 * so verification runs on cached keys, as it does in the ledger where senders are few). TransactionAdmission reads
 * the record once into its own TopicRecord rather than Transaction; the parse is of the same fields.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TxIngestBench {

    @State(Scope.Benchmark)
    public static class Inputs {
        String[] json;

        @Setup
        public void setUp() {
            json = Fixtures.transactionJson(Fixtures.SEED);
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

    private static boolean check(String json) {
        Transaction tx = Json.read(json, Transaction.class);
        return tx.isAuthentic();
    }

    @Benchmark
    @Threads(1)
    public boolean parseAndVerify(Inputs in, Cursor c) {
        return check(in.json[c.next()]);
    }

    @Benchmark
    @Threads(2)
    public boolean parseAndVerify2Threads(Inputs in, Cursor c) {
        return check(in.json[c.next()]);
    }
}
