package dev.dcp.ledger.ingest;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import dev.dcp.common.kafka.KafkaClients;
import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.common.ledger.MerkleTree;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.ledger.LedgerProperties;
import dev.dcp.ledger.block.BlockCutter;
import dev.dcp.ledger.chain.Block;
import dev.dcp.ledger.chain.ChainStore;
import dev.dcp.ledger.consensus.Sealer;
import dev.dcp.ledger.consensus.Vote;
import dev.dcp.ledger.consensus.VoteBook;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The replica's single ingest loop. It reads the one-partition transaction topic from the offset stored with the
 * chain tip, drops what is not admissible, cuts blocks, seals them, and commits each one — at once under
 * {@code solo} and {@code pow}, or once the votes of {@code dcp.ledger.votes} satisfy {@code pos} or {@code bft} —
 * together with the offset it consumed up to.
 */
@Component
public class LedgerIngest implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerIngest.class);
    private static final TopicPartition TX_PARTITION = new TopicPartition(Topics.LEDGER_TX, 0);
    private static final TopicPartition VOTE_PARTITION = new TopicPartition(Topics.LEDGER_VOTES, 0);
    /** How far back in the vote topic a restarted replica looks for votes on the block it is about to redo. */
    private static final Duration VOTE_LOOKBACK = Duration.ofMinutes(2);

    private final LedgerProperties properties;
    private final ChainStore store;
    private final Sealer sealer;
    private final TransactionAdmission admission;
    private final Ed25519.KeyPair key;
    private final VoteBook votes;
    private final String bootstrapServers;
    private final Clock clock = Clock.systemUTC();
    private final MeterRegistry meters;
    private final Counter committedTx;
    private final Timer commitLatency;
    private final AtomicLong height = new AtomicLong(-1);
    private final AtomicLong pendingCount = new AtomicLong();

    private volatile boolean running;
    private Thread thread;

    /** A block that is cut and sealed but waits for the votes that commit it. */
    private record Pending(Block block, long lastOffset, long since) {
    }

    public LedgerIngest(LedgerProperties properties, ChainStore store, Sealer sealer, TransactionAdmission admission,
                        Ed25519.KeyPair validatorKey, VoteBook votes,
                        @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, MeterRegistry meters) {
        this.properties = properties;
        this.store = store;
        this.sealer = sealer;
        this.admission = admission;
        this.key = validatorKey;
        this.votes = votes;
        this.bootstrapServers = bootstrapServers;
        this.meters = meters;
        this.committedTx = meters.counter("dcp.ledger.transactions.committed");
        this.commitLatency = Timer.builder("dcp.ledger.commit.latency")
                .description("from a transaction's timestamp to its block's commit")
                .publishPercentiles(0.5, 0.99).register(meters);
        meters.gauge("dcp.ledger.height", height);
        meters.gauge("dcp.ledger.transactions.pending", pendingCount);
    }

    public long pendingTransactions() {
        return pendingCount.get();
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

    /** Genesis is the same on every replica: nothing in it depends on the replica. */
    private void ensureGenesis() {
        if (store.tip().isPresent()) {
            return;
        }
        BlockHeader genesis = sealer.seal(new BlockHeader(0, BlockHeader.GENESIS_PREV_HASH,
                MerkleTree.rootHex(List.of()), 0, 0, sealer.proposerFor(0, BlockHeader.GENESIS_PREV_HASH),
                sealer.consensus(), sealer.difficulty(), 0));
        store.append(new Block(genesis, genesis.hash(), List.of(), List.of()), -1);
        log.info("created genesis block {}", genesis.hash());
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> txs = KafkaClients.unmanagedConsumer(bootstrapServers,
                    "ledger-" + properties.validatorId());
                 KafkaConsumer<String, String> voteFeed = KafkaClients.unmanagedConsumer(bootstrapServers,
                         "ledger-votes-" + properties.validatorId());
                 KafkaProducer<String, String> producer = KafkaClients.producer(bootstrapServers,
                         "ledger-" + properties.validatorId())) {
                new Session(txs, voteFeed, producer).loop();
            } catch (RuntimeException e) {
                if (running) {
                    log.error("ledger ingest failed; restarting from the last committed block", e);
                    sleep(1000);
                }
            }
        }
    }

    /** One run of the loop, from the stored tip; a failure abandons it and a new one resumes from the database. */
    private final class Session {

        private final KafkaConsumer<String, String> txs;
        private final KafkaConsumer<String, String> voteFeed;
        private final KafkaProducer<String, String> producer;
        private final BlockCutter cutter = new BlockCutter(properties.maxTransactions());
        private final Deque<Admitted> backlog = new ArrayDeque<>();
        private final Set<String> inFlight = new HashSet<>();
        private ChainStore.Tip tip;
        private Pending pending;
        private long oldestPendingSince;
        private boolean markerSent;
        private boolean warnedSlowQuorum;
        /** Verified records, in topic order: signature checks of the next batch overlap the commit of this one. */
        private final BlockingQueue<List<Admitted>> verified = new ArrayBlockingQueue<>(4);
        private volatile boolean reading = true;
        private volatile RuntimeException readFailure;

        Session(KafkaConsumer<String, String> txs, KafkaConsumer<String, String> voteFeed,
                KafkaProducer<String, String> producer) {
            this.txs = txs;
            this.voteFeed = voteFeed;
            this.producer = producer;
        }

        void loop() {
            int partitions = txs.partitionsFor(Topics.LEDGER_TX).size();
            if (partitions != 1) {
                // with more than one partition Kafka no longer gives a total order, and this replica would
                // silently miss what lands elsewhere
                throw new IllegalStateException(Topics.LEDGER_TX + " has " + partitions
                        + " partitions; the ledger needs exactly 1");
            }
            tip = store.tip().orElseThrow();
            height.set(tip.height());
            txs.assign(List.of(TX_PARTITION));
            txs.seek(TX_PARTITION, tip.kafkaOffset() + 1);
            if (sealer.collectsVotes()) {
                voteFeed.assign(List.of(VOTE_PARTITION));
                OffsetAndTimestamp from = voteFeed.offsetsForTimes(Map.of(VOTE_PARTITION,
                        tip.committedAt() - VOTE_LOOKBACK.toMillis())).get(VOTE_PARTITION);
                if (from == null) {
                    voteFeed.seekToEnd(List.of(VOTE_PARTITION));
                } else {
                    voteFeed.seek(VOTE_PARTITION, from.offset());
                }
            }
            Thread reader = new Thread(this::readAndVerify, "ledger-verify-" + properties.validatorId());
            reader.start();
            try {
                cutAndCommit();
            } finally {
                reading = false;
                try {
                    reader.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** The reader stage: owns the transaction consumer from here on. */
        private void readAndVerify() {
            try {
                while (running && reading) {
                    ConsumerRecords<String, String> records = txs.poll(Duration.ofMillis(20));
                    if (!records.isEmpty()) {
                        List<Admitted> batch = admission.admit(records);
                        while (running && reading && !verified.offer(batch, 20, TimeUnit.MILLISECONDS)) {
                            // back-pressure: the committer is behind
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                readFailure = e;
            }
        }

        private void cutAndCommit() {
            while (running) {
                if (readFailure != null) {
                    throw readFailure;
                }
                if (sealer.collectsVotes()) {
                    readVotes(pending == null ? Duration.ZERO : Duration.ofMillis(20));
                }
                if (pending != null) {
                    tryCommitPending();
                    continue; // nothing new is cut until the block before it is final
                }
                if (backlog.isEmpty()) {
                    readTransactions();
                }
                while (!backlog.isEmpty() && pending == null) {
                    Admitted next = backlog.poll();
                    var batch = next.isMarker() ? cutter.cut(next.markerTimestamp(), next.offset())
                            : cutter.add(next.tx(), next.offset());
                    if (cutter.pendingCount() == 1 && !next.isMarker()) {
                        oldestPendingSince = clock.millis();
                        markerSent = false;
                    }
                    batch.ifPresent(this::propose);
                }
                pendingCount.set(cutter.pendingCount());
                if (cutter.pendingCount() > 0 && !markerSent
                        && clock.millis() - oldestPendingSince >= properties.maxLatency().toMillis()) {
                    producer.send(new ProducerRecord<>(Topics.LEDGER_TX, null, Json.write(
                            Map.of("cut", properties.validatorId(), "timestamp", clock.millis()))));
                    markerSent = true;
                }
            }
        }

        private void readTransactions() {
            List<Admitted> admitted;
            try {
                admitted = verified.poll(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (admitted == null) {
                return;
            }
            // what is no longer pending here is in the database by now, where committedAmong finds it
            inFlight.retainAll(idsOf(cutter.pending()));
            Set<String> committed = store.committedAmong(admitted.stream().filter(a -> !a.isMarker())
                    .map(a -> a.tx().id()).toList());
            for (Admitted a : admitted) {
                if (!a.isMarker() && (committed.contains(a.tx().id()) || !inFlight.add(a.tx().id()))) {
                    admission.reject(a.tx().id(), "duplicate");
                    continue;
                }
                backlog.add(a);
            }
        }

        private void propose(BlockCutter.Batch batch) {
            List<Transaction> content = properties.alterTransactions() ? alter(batch.transactions())
                    : batch.transactions();
            long next = tip.height() + 1;
            BlockHeader header = sealer.seal(new BlockHeader(next, tip.hash(),
                    MerkleTree.rootHex(content.stream().map(Transaction::id).toList()), batch.timestamp(),
                    content.size(), sealer.proposerFor(next, tip.hash()), sealer.consensus(), sealer.difficulty(), 0));
            String hash = header.hash();
            Vote own = Vote.cast(next, hash, properties.validatorId(), key);
            votes.record(own);
            if (sealer.collectsVotes()) {
                producer.send(new ProducerRecord<>(Topics.LEDGER_VOTES, Long.toString(next), Json.write(own)));
            }
            pending = new Pending(new Block(header, hash, content, List.of()), batch.lastOffset(), clock.millis());
            warnedSlowQuorum = false;
            tryCommitPending();
        }

        private void tryCommitPending() {
            Block b = pending.block();
            var signatures = sealer.commitWith(b.header(), b.hash(), votes.signaturesFor(b.header().height(), b.hash()));
            if (signatures.isPresent()) {
                commit(new Block(b.header(), b.hash(), b.transactions(), signatures.get()), pending.lastOffset());
                pending = null;
            } else if (!warnedSlowQuorum && clock.millis() - pending.since() > properties.voteTimeout().toMillis()) {
                log.warn("block {} ({}) has no quorum after {}; dissenting votes: {}", b.header().height(), b.hash(),
                        properties.voteTimeout(), votes.dissentingFrom(b.header().height(), b.hash()));
                warnedSlowQuorum = true;
            }
        }

        private void commit(Block block, long lastOffset) {
            store.append(block, lastOffset);
            long h = block.header().height();
            tip = new ChainStore.Tip(h, block.hash(), lastOffset, clock.millis());
            long now = clock.millis();
            for (Transaction tx : block.transactions()) {
                commitLatency.record(Math.max(0, now - tx.timestamp()), TimeUnit.MILLISECONDS);
            }
            committedTx.increment(block.transactions().size());
            height.set(h);
            for (Vote dissent : votes.dissentingFrom(h, block.hash())) {
                meters.counter("dcp.ledger.votes.dissenting", "validator", dissent.validator()).increment();
                log.warn("validator {} voted {} at height {}, the committed block is {}", dissent.validator(),
                        dissent.hash(), h, block.hash());
            }
            votes.forgetBelow(h - 16);
            // committed blocks are announced for anyone who follows the chain; the database remains the record
            producer.send(new ProducerRecord<>(Topics.LEDGER_BLOCKS, Long.toString(h),
                    Json.write(Map.of("hash", block.hash(), "header", block.header()))));
        }

        private void readVotes(Duration wait) {
            for (var r : voteFeed.poll(wait)) {
                try {
                    Vote v = Json.read(r.value(), Vote.class);
                    if (v.height() <= tip.height() - 16 || !votes.record(v)) {
                        continue;
                    }
                    if (v.height() <= tip.height()) {
                        store.hashAt(v.height()).filter(h -> !h.equals(v.hash())).ifPresent(h -> {
                            meters.counter("dcp.ledger.votes.dissenting", "validator", v.validator()).increment();
                            log.warn("validator {} voted {} at height {}, the committed block is {}", v.validator(),
                                    v.hash(), v.height(), h);
                        });
                    }
                } catch (RuntimeException e) {
                    meters.counter("dcp.ledger.votes.rejected").increment();
                }
            }
        }
    }

    /** The fault a Byzantine replica is tested with: its block differs from what the topic says. */
    private static List<Transaction> alter(List<Transaction> txs) {
        List<Transaction> out = new ArrayList<>(txs);
        Transaction first = out.get(0);
        Map<String, Object> payload = new HashMap<>(first.payload());
        payload.put("altered", true);
        // the content changes and so does its id (a lie about the id would be caught even sooner); the sender's
        // signature no longer matches, which an honest replica would have checked
        String id = Transaction.computeId(first.type(), payload, first.sender(), first.nonce(), first.timestamp());
        out.set(0, new Transaction(id, first.type(), payload, first.sender(), first.nonce(), first.timestamp(),
                first.signature()));
        return out;
    }

    private static Set<String> idsOf(List<Transaction> txs) {
        Set<String> ids = new HashSet<>();
        for (Transaction t : txs) {
            ids.add(t.id());
        }
        return ids;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
