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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which records of the transaction topic may enter a block: well-formed, authentic (the id is the hash of the
 * content and the sender signed it), from a trusted sender, with a money payload that makes sense. What is refused
 * is counted by reason and logged once. Signature checks run in parallel: they are most of the ledger's CPU.
 */
@Component
class TransactionAdmission {

    private static final Logger log = LoggerFactory.getLogger(TransactionAdmission.class);
    private static final int PARALLEL_FROM = 64;

    private final Set<String> trustedSenders;
    private final MeterRegistry meters;

    TransactionAdmission(LedgerProperties properties, MeterRegistry meters) {
        this.trustedSenders = Set.copyOf(properties.trustedSenders());
        this.meters = meters;
    }

    List<Admitted> admit(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        var stream = list.size() >= PARALLEL_FROM ? list.parallelStream() : list.stream();
        // toList keeps encounter order even in parallel: topic order, which is the chain order
        return stream.map(this::admit).filter(a -> a != null).toList();
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
