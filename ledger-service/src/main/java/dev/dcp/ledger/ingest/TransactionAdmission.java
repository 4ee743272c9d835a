package dev.dcp.ledger.ingest;

import dev.dcp.common.json.Json;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.ledger.LedgerProperties;
import dev.dcp.ledger.chain.MoneyMovements;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which records of the transaction topic may enter a block: well-formed, authentic (the id is the hash of the
 * content and the sender signed it), from a trusted sender, with a money payload that makes sense. What is refused
 * is counted by reason and logged once. Signature checks run in parallel: they are most of the ledger's CPU.
 * They run on this replica's own threads, not the JVM's common pool: where several replicas share a JVM (the
 * devnet with bft, the load generator), their parallel streams contended for the one common-pool thread two cores
 * get, and every waiting reader spun in it (a fifth of the CPU under bft, docs/benchmarks.md).
 */
@Component
class TransactionAdmission implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransactionAdmission.class);
    private static final int PARALLEL_FROM = 64;

    private final Set<String> trustedSenders;
    private final MeterRegistry meters;
    /** Helpers beside the reader thread, which checks a share itself: one per further core. */
    private final int helpers = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);

    private final ExecutorService verifiers = Executors.newFixedThreadPool(Math.max(1, helpers), r -> {
        Thread t = new Thread(r, "ledger-admission");
        t.setDaemon(true);
        return t;
    });

    TransactionAdmission(LedgerProperties properties, MeterRegistry meters) {
        this.trustedSenders = Set.copyOf(properties.trustedSenders());
        this.meters = meters;
    }

    /** The admissible records, in topic order, which is the chain order. */
    List<Admitted> admit(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        if (list.size() < PARALLEL_FROM || helpers == 0) {
            return admitAll(list);
        }
        // contiguous slices, the first checked here while the helpers check the rest; joined back in order
        int parts = helpers + 1;
        List<Future<List<Admitted>>> later = new ArrayList<>(helpers);
        for (int p = 1; p < parts; p++) {
            List<ConsumerRecord<String, String>> slice =
                    list.subList(list.size() * p / parts, list.size() * (p + 1) / parts);
            later.add(verifiers.submit(() -> admitAll(slice)));
        }
        List<Admitted> out = new ArrayList<>(list.size());
        out.addAll(admitAll(list.subList(0, list.size() / parts)));
        for (Future<List<Admitted>> f : later) {
            try {
                out.addAll(f.get());
            } catch (InterruptedException e) {
                later.forEach(x -> x.cancel(true));
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking transactions", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return out;
    }

    private List<Admitted> admitAll(List<ConsumerRecord<String, String>> records) {
        List<Admitted> out = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> r : records) {
            Admitted a = admit(r);
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public void close() {
        verifiers.shutdownNow();
    }

    /** A record of the topic, read once: a transaction, or a cut marker when {@code cut} is set. */
    record TopicRecord(
            String id,
            String type,
            Map<String, Object> payload,
            String sender,
            Long nonce,
            Long timestamp,
            String signature,
            String cut) {}

    private Admitted admit(ConsumerRecord<String, String> r) {
        TopicRecord read;
        try {
            read = Json.read(r.value(), TopicRecord.class);
        } catch (RuntimeException e) {
            reject("offset " + r.offset(), "malformed");
            return null;
        }
        if (read.cut() != null && read.signature() == null) {
            return read.timestamp() == null ? null : Admitted.marker(r.offset(), read.timestamp());
        }
        if (read.nonce() == null || read.timestamp() == null) {
            reject("offset " + r.offset(), "malformed");
            return null;
        }
        Transaction tx = new Transaction(
                read.id(),
                read.type(),
                read.payload(),
                read.sender(),
                read.nonce(),
                read.timestamp(),
                read.signature());
        if (!tx.isAuthentic()) {
            reject(String.valueOf(tx.id()), "bad-signature-or-id");
            return null;
        }
        if (!trustedSenders.isEmpty() && !trustedSenders.contains(tx.sender())) {
            reject(tx.id(), "unknown-sender");
            return null;
        }
        if (!MoneyMovements.isWellFormed(tx)) {
            reject(tx.id(), "malformed-payload");
            return null;
        }
        return Admitted.transaction(r.offset(), tx);
    }

    void reject(String what, String reason) {
        meters.counter("dcp.ledger.transactions.rejected", "reason", reason).increment();
        log.warn("rejected transaction {}: {}", what, reason);
    }
}
