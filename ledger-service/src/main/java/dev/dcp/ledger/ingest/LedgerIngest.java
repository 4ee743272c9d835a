package dev.dcp.ledger.ingest;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import dev.dcp.common.kafka.BusConnection;
import dev.dcp.common.kafka.KafkaClients;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.ledger.LedgerProperties;
import dev.dcp.ledger.chain.Block;
import dev.dcp.ledger.chain.ChainTip;
import dev.dcp.ledger.consensus.Sealer;
import dev.dcp.ledger.consensus.Vote;
import dev.dcp.ledger.consensus.VoteBook;
import dev.dcp.ledger.round.BlockCreator;
import dev.dcp.ledger.round.RoundMonitor;
import dev.dcp.ledger.round.RoundSettings;
import dev.dcp.ledger.round.RoundStateMachine;
import dev.dcp.ledger.round.RoundTransport;
import dev.dcp.ledger.store.ChainStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
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
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The replica's single ingest loop. It reads the one-partition transaction topic from the offset stored with the
 * chain tip, drops what is not admissible, and hands the rest, with the votes of {@code dcp.ledger.votes}, to the
 * {@link RoundStateMachine}, which cuts and seals blocks and commits each one — at once under {@code solo} and
 * {@code pow}, or once the votes satisfy {@code pos} or {@code bft} — together with the offset it consumed up to.
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
    private final VoteBook votes;
    private final RoundSettings settings;
    private final BusConnection bus;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Counter committedTx;
    private final Timer commitLatency;
    private final AtomicLong height = new AtomicLong(-1);
    private final AtomicLong pendingCount = new AtomicLong();

    private volatile boolean running;
    private Thread thread;

    public LedgerIngest(
            LedgerProperties properties,
            ChainStore store,
            Sealer sealer,
            TransactionAdmission admission,
            Ed25519.KeyPair validatorKey,
            VoteBook votes,
            Environment environment,
            MeterRegistry meters,
            Clock clock) {
        this.properties = properties;
        this.store = store;
        this.sealer = sealer;
        this.admission = admission;
        this.votes = votes;
        this.settings = new RoundSettings(
                properties.validatorId(),
                validatorKey,
                properties.maxTransactions(),
                properties.maxLatency(),
                properties.voteTimeout(),
                properties.alterTransactions());
        this.bus = BusConnection.from(environment);
        this.clock = clock;
        this.meters = meters;
        this.committedTx = meters.counter("dcp.ledger.transactions.committed");
        this.commitLatency = Timer.builder("dcp.ledger.commit.latency")
                .description("from a transaction's timestamp to its block's commit")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
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

    private void ensureGenesis() {
        if (store.tip().isPresent()) {
            return;
        }
        Block genesis = BlockCreator.genesis(sealer);
        store.append(genesis, -1);
        log.info("created genesis block {}", genesis.hash());
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> txs =
                            KafkaClients.unmanagedConsumer(bus, "ledger-" + properties.validatorId());
                    KafkaConsumer<String, String> voteFeed =
                            KafkaClients.unmanagedConsumer(bus, "ledger-votes-" + properties.validatorId());
                    KafkaProducer<String, String> producer =
                            KafkaClients.producer(bus, "ledger-" + properties.validatorId())) {
                new Session(txs, voteFeed, producer).loop();
            } catch (RuntimeException e) {
                if (running) {
                    log.error("ledger ingest failed; restarting from the last committed block", e);
                    sleep(1000);
                }
            }
        }
    }

    /**
     * One run of the loop, from the stored tip; a failure abandons it and a new one resumes from the database. It
     * translates Kafka records into events of the round state machine and the machine's outputs into sends and
     * commits; the decisions are the machine's.
     */
    private final class Session implements RoundTransport, RoundMonitor {

        private final KafkaConsumer<String, String> txs;
        private final KafkaConsumer<String, String> voteFeed;
        private final KafkaProducer<String, String> producer;
        private final Deque<Admitted> backlog = new ArrayDeque<>();
        private final Set<String> inFlight = new HashSet<>();
        private RoundStateMachine round;
        /** Verified records, in topic order: signature checks of the next batch overlap the commit of this one. */
        private final BlockingQueue<List<Admitted>> verified = new ArrayBlockingQueue<>(4);

        private volatile boolean reading = true;
        private volatile RuntimeException readFailure;

        Session(
                KafkaConsumer<String, String> txs,
                KafkaConsumer<String, String> voteFeed,
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
                throw new IllegalStateException(
                        Topics.LEDGER_TX + " has " + partitions + " partitions; the ledger needs exactly 1");
            }
            ChainTip tip = store.tip().orElseThrow();
            height.set(tip.height());
            round = new RoundStateMachine(settings, sealer, votes, clock, tip, store::hashAt, this, this);
            txs.assign(List.of(TX_PARTITION));
            txs.seek(TX_PARTITION, tip.kafkaOffset() + 1);
            if (sealer.collectsVotes()) {
                voteFeed.assign(List.of(VOTE_PARTITION));
                OffsetAndTimestamp from = voteFeed.offsetsForTimes(
                                Map.of(VOTE_PARTITION, tip.committedAt() - VOTE_LOOKBACK.toMillis()))
                        .get(VOTE_PARTITION);
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
                    readVotes(round.awaitingVotes() ? Duration.ofMillis(20) : Duration.ZERO);
                }
                if (round.awaitingVotes()) {
                    round.onTick();
                    continue; // nothing new is cut until the block before it is final
                }
                if (backlog.isEmpty()) {
                    readTransactions();
                }
                while (!backlog.isEmpty() && !round.awaitingVotes()) {
                    Admitted next = backlog.poll();
                    if (next.isMarker()) {
                        round.onCutMarker(next.markerTimestamp(), next.offset());
                    } else {
                        round.onTransaction(next.tx(), next.offset());
                    }
                }
                pendingCount.set(round.pendingCount());
                round.onTick();
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
            inFlight.retainAll(idsOf(round.pendingTransactions()));
            Set<String> committed = store.committedAmong(admitted.stream()
                    .filter(a -> !a.isMarker())
                    .map(a -> a.tx().id())
                    .toList());
            for (Admitted a : admitted) {
                if (!a.isMarker() && (committed.contains(a.tx().id()) || !inFlight.add(a.tx().id()))) {
                    admission.reject(a.tx().id(), "duplicate");
                    continue;
                }
                backlog.add(a);
            }
        }

        private void readVotes(Duration wait) {
            for (var r : voteFeed.poll(wait)) {
                try {
                    round.onVote(Json.read(r.value(), Vote.class));
                } catch (RuntimeException e) {
                    meters.counter("dcp.ledger.votes.rejected").increment();
                }
            }
        }

        // The three sends below are not awaited (the round goes on); a failure is logged where it happens.
        @Override
        @SuppressWarnings("FutureReturnValueIgnored")
        public void sendVote(Vote vote) {
            producer.send(
                    new ProducerRecord<>(Topics.LEDGER_VOTES, Long.toString(vote.height()), Json.write(vote)),
                    failureLogged("the vote for height " + vote.height()));
        }

        @Override
        @SuppressWarnings("FutureReturnValueIgnored")
        public void sendCutMarker(long timestamp) {
            producer.send(
                    new ProducerRecord<>(
                            Topics.LEDGER_TX,
                            null,
                            Json.write(Map.of("cut", properties.validatorId(), "timestamp", timestamp))),
                    failureLogged("a cut marker"));
        }

        @Override
        @SuppressWarnings("FutureReturnValueIgnored")
        public void commit(Block block, long lastOffset) {
            store.append(block, lastOffset);
            long h = block.header().height();
            long now = clock.millis();
            for (Transaction tx : block.transactions()) {
                commitLatency.record(Math.max(0, now - tx.timestamp()), TimeUnit.MILLISECONDS);
            }
            committedTx.increment(block.transactions().size());
            height.set(h);
            // committed blocks are announced for anyone who follows the chain; the database remains the record
            producer.send(
                    new ProducerRecord<>(
                            Topics.LEDGER_BLOCKS,
                            Long.toString(h),
                            Json.write(Map.of("hash", block.hash(), "header", block.header()))),
                    failureLogged("the announcement of block " + h));
        }

        private Callback failureLogged(String what) {
            return (metadata, failure) -> {
                if (failure != null) {
                    log.warn("could not send {}: {}", what, failure.toString());
                }
            };
        }

        @Override
        public void dissent(Vote vote, String committedHash) {
            meters.counter("dcp.ledger.votes.dissenting", "validator", vote.validator())
                    .increment();
            log.warn(
                    "validator {} voted {} at height {}, the committed block is {}",
                    vote.validator(),
                    vote.hash(),
                    vote.height(),
                    committedHash);
        }

        @Override
        public void quorumLate(Block proposed, Duration voteTimeout, List<Vote> dissenting) {
            log.warn(
                    "block {} ({}) has no quorum after {}; dissenting votes: {}",
                    proposed.header().height(),
                    proposed.hash(),
                    voteTimeout,
                    dissenting);
        }
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
