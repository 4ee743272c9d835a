package dev.dcp.ledger.ingest;

import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import dev.dcp.common.kafka.KafkaClients;
import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.MerkleTree;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.ledger.LedgerProperties;
import dev.dcp.ledger.block.BlockCutter;
import dev.dcp.ledger.block.CutMarker;
import dev.dcp.ledger.chain.Block;
import dev.dcp.ledger.chain.ChainStore;
import dev.dcp.ledger.consensus.Sealer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The replica's single ingest loop: reads the one-partition transaction topic from the offset stored with the
 * chain tip, drops what is not authentic or already committed, cuts blocks and commits them with their offset.
 */
@Component
public class LedgerIngest implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerIngest.class);
    private static final TopicPartition PARTITION = new TopicPartition(Topics.LEDGER_TX, 0);

    private final LedgerProperties properties;
    private final ChainStore store;
    private final Sealer sealer;
    private final String bootstrapServers;
    private final Clock clock = Clock.systemUTC();
    private final MeterRegistry meters;
    private final Counter committedTx;
    private final Timer commitLatency;
    private final AtomicLong height = new AtomicLong(-1);
    private final AtomicLong pending = new AtomicLong();

    private volatile boolean running;
    private KafkaProducer<String, String> producer;
    private Thread thread;

    public LedgerIngest(LedgerProperties properties, ChainStore store, Sealer sealer,
                        @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, MeterRegistry meters) {
        this.properties = properties;
        this.store = store;
        this.sealer = sealer;
        this.bootstrapServers = bootstrapServers;
        this.meters = meters;
        this.committedTx = meters.counter("dcp.ledger.transactions.committed");
        this.commitLatency = Timer.builder("dcp.ledger.commit.latency")
                .description("from a transaction's timestamp to its block's commit")
                .publishPercentiles(0.5, 0.99).register(meters);
        meters.gauge("dcp.ledger.height", height);
        meters.gauge("dcp.ledger.transactions.pending", pending);
    }

    public long pendingTransactions() {
        return pending.get();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        ensureGenesis();
        running = true;
        thread = new Thread(this::run, "ledger-ingest");
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void ensureGenesis() {
        if (store.tip().isPresent()) {
            return;
        }
        BlockHeader genesis = new BlockHeader(0, BlockHeader.GENESIS_PREV_HASH, MerkleTree.rootHex(List.of()), 0, 0,
                sealer.proposerFor(0, BlockHeader.GENESIS_PREV_HASH), sealer.consensus(), 0, 0);
        Sealer.Sealed sealed = sealer.seal(genesis);
        store.append(new Block(sealed.header(), sealed.hash(), List.of(), sealed.signatures()), -1);
        log.info("created genesis block {}", sealed.hash());
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> consumer = KafkaClients.unmanagedConsumer(bootstrapServers, "ledger");
                 KafkaProducer<String, String> producer = KafkaClients.producer(bootstrapServers, "ledger")) {
                this.producer = producer;
                consume(consumer, producer);
            } catch (RuntimeException e) {
                if (running) {
                    log.error("ledger ingest failed; restarting from the last committed block", e);
                    sleep(1000);
                }
            }
        }
    }

    private void consume(KafkaConsumer<String, String> consumer, KafkaProducer<String, String> producer) {
        ChainStore.Tip tip = store.tip().orElseThrow();
        height.set(tip.height());
        consumer.assign(List.of(PARTITION));
        consumer.seek(PARTITION, tip.kafkaOffset() + 1);
        BlockCutter cutter = new BlockCutter(properties.maxTransactions());
        long oldestPendingSince = 0;
        boolean markerSent = false;
        while (running) {
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(20));
            List<ParsedRecord> parsed = parse(records);
            Set<String> seen = store.committedAmong(parsed.stream()
                    .filter(p -> p.tx != null).map(p -> p.tx.id()).toList());
            seen = new HashSet<>(seen);
            for (ParsedRecord p : parsed) {
                if (p.markerTimestamp >= 0) {
                    var batch = cutter.cut(p.markerTimestamp, p.offset);
                    if (batch.isPresent()) {
                        tip = commit(tip, batch.get());
                    }
                } else if (p.tx != null) {
                    if (!seen.add(p.tx.id())) {
                        reject(p.tx.id(), "duplicate");
                        continue;
                    }
                    if (cutter.pendingCount() == 0) {
                        oldestPendingSince = clock.millis();
                        markerSent = false;
                    }
                    var batch = cutter.add(p.tx, p.offset);
                    if (batch.isPresent()) {
                        tip = commit(tip, batch.get());
                    }
                }
            }
            pending.set(cutter.pendingCount());
            if (cutter.pendingCount() > 0 && !markerSent
                    && clock.millis() - oldestPendingSince >= properties.maxLatency().toMillis()) {
                producer.send(new ProducerRecord<>(Topics.LEDGER_TX, null,
                        Json.write(CutMarker.at(clock.millis(), sealer.proposerFor(tip.height() + 1, tip.hash())))));
                markerSent = true;
            }
        }
    }

    private record ParsedRecord(long offset, Transaction tx, long markerTimestamp) {
    }

    private List<ParsedRecord> parse(ConsumerRecords<String, String> records) {
        List<ParsedRecord> out = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> r : records) {
            Map<String, Object> message;
            try {
                message = Json.readMap(r.value());
            } catch (RuntimeException e) {
                reject("offset " + r.offset(), "malformed");
                continue;
            }
            if (CutMarker.isMarker(message)) {
                Object ts = message.get("timestamp");
                out.add(new ParsedRecord(r.offset(), null, ts instanceof Number n ? n.longValue() : 0));
                continue;
            }
            Transaction tx;
            try {
                tx = Json.read(r.value(), Transaction.class);
            } catch (RuntimeException e) {
                reject("offset " + r.offset(), "malformed");
                continue;
            }
            if (!tx.isAuthentic()) {
                reject(String.valueOf(tx.id()), "bad-signature-or-id");
                continue;
            }
            if (!properties.trustedSenders().isEmpty() && !properties.trustedSenders().contains(tx.sender())) {
                reject(tx.id(), "unknown-sender");
                continue;
            }
            out.add(new ParsedRecord(r.offset(), tx, -1));
        }
        return out;
    }

    private void reject(String what, String reason) {
        meters.counter("dcp.ledger.transactions.rejected", "reason", reason).increment();
        log.warn("rejected transaction {}: {}", what, reason);
    }

    private ChainStore.Tip commit(ChainStore.Tip tip, BlockCutter.Batch batch) {
        List<Transaction> txs = batch.transactions();
        long next = tip.height() + 1;
        BlockHeader header = new BlockHeader(next, tip.hash(),
                MerkleTree.rootHex(txs.stream().map(Transaction::id).toList()), batch.timestamp(), txs.size(),
                sealer.proposerFor(next, tip.hash()), sealer.consensus(), 0, 0);
        Sealer.Sealed sealed = sealer.seal(header);
        store.append(new Block(sealed.header(), sealed.hash(), txs, sealed.signatures()), batch.lastOffset());
        long now = clock.millis();
        for (Transaction tx : txs) {
            commitLatency.record(Math.max(0, now - tx.timestamp()), TimeUnit.MILLISECONDS);
        }
        committedTx.increment(txs.size());
        height.set(next);
        // committed blocks are announced for anyone who follows the chain; the database remains the record
        producer.send(new ProducerRecord<>(Topics.LEDGER_BLOCKS, Long.toString(next),
                Json.write(Map.of("hash", sealed.hash(), "header", sealed.header()))));
        return new ChainStore.Tip(next, sealed.hash(), batch.lastOffset());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
