package dev.dcp.bench;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import dev.dcp.common.kafka.KafkaClients;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.ledger.LedgerApplication;
import dev.dcp.testkit.EmbeddedKafkaBroker;
import dev.dcp.testkit.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load generator for the ledger: real PostgreSQL, a real Kafka broker and N ledger replicas in this JVM; signed
 * transactions pushed through {@code dcp.ledger.tx}; commits observed on {@code dcp.ledger.blocks}. Reports committed
 * transactions per second and commit latency (send to block announcement) percentiles.
 *
 * <pre>
 * ./mvnw -q -pl bench exec:java -Dexec.mainClass=dev.dcp.bench.LedgerLoad \
 *     -Dexec.args="--transactions 200000 --rate 0 --consensus solo --validators 1"
 * </pre>
 * {@code --rate 0} sends as fast as possible (throughput); a positive rate paces the sender (latency).
 */
public final class LedgerLoad {

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int n = Integer.parseInt(opts.getOrDefault("transactions", "100000"));
        int rate = Integer.parseInt(opts.getOrDefault("rate", "0"));
        String consensus = opts.getOrDefault("consensus", "solo");
        int validators = Integer.parseInt(opts.getOrDefault("validators", "1"));
        int blockSize = Integer.parseInt(opts.getOrDefault("max-transactions", "1000"));

        Path dir = Files.createTempDirectory("dcp-ledger-load-");
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(null, 0);
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, 0);
        kafka.createTopics(Topics.partitions());
        Ed25519.KeyPair sender = Ed25519.generate();
        List<ConfigurableApplicationContext> replicas =
                startLedger(pg, kafka, sender, consensus, validators, blockSize);
        try {
            System.out.printf(
                    "ledger: %s, %d validator(s), blocks of up to %d; signing %,d transactions...%n",
                    consensus, validators, blockSize, n);
            String[] payloads = sign(sender, n);
            Result r = run(kafka.bootstrapServers(), payloads, rate);
            System.out.printf(
                    "committed %,d transactions in %.2f s: %,.0f tx/s committed (offered %s)%n",
                    r.committed,
                    r.seconds,
                    r.committed / r.seconds,
                    rate == 0 ? "as fast as possible" : rate + " tx/s");
            System.out.printf(
                    "commit latency (send -> block announced): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    r.percentile(0.50), r.percentile(0.99), r.percentile(1.0));
        } finally {
            replicas.forEach(ConfigurableApplicationContext::close);
            kafka.close();
            pg.close();
        }
    }

    private record Result(long committed, double seconds, long[] latencyNanos) {

        double percentile(double p) {
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
            return sorted[Math.max(0, i)] / 1e6;
        }
    }

    private static String[] sign(Ed25519.KeyPair sender, int n) {
        long base = System.currentTimeMillis() * 1000;
        long ts = System.currentTimeMillis();
        return IntStream.range(0, n)
                .parallel()
                .mapToObj(i -> Transaction.sign(
                                "DEPOSIT",
                                Map.of("account", "acct-" + (i % 1000), "amount", 1 + i % 997),
                                sender,
                                base + i,
                                ts)
                        .canonicalJson())
                .toArray(String[]::new);
    }

    /** Sends everything in order and matches the k-th committed transaction with the k-th sent one. */
    @SuppressWarnings("FutureReturnValueIgnored") // the commits the ledger reports are what is measured, not the sends
    private static Result run(String bootstrap, String[] payloads, int rate) throws Exception {
        int n = payloads.length;
        long[] sentAt = new long[n];
        long[] latency = new long[n];
        try (KafkaConsumer<String, String> blocks = KafkaClients.unmanagedConsumer(bootstrap, "load-blocks");
                KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap, "load")) {
            TopicPartition tp = new TopicPartition(Topics.LEDGER_BLOCKS, 0);
            blocks.assign(List.of(tp));
            blocks.seekToEnd(List.of(tp));
            blocks.position(tp);
            long start = System.nanoTime();
            Thread sending = new Thread(
                    () -> {
                        long interval = rate > 0 ? 1_000_000_000L / rate : 0;
                        for (int i = 0; i < n; i++) {
                            if (interval > 0) {
                                long due = start + i * interval;
                                long wait = due - System.nanoTime();
                                if (wait > 0) {
                                    LockSupport.parkNanos(wait);
                                }
                            }
                            sentAt[i] = System.nanoTime();
                            producer.send(new ProducerRecord<>(Topics.LEDGER_TX, null, payloads[i]));
                        }
                        producer.flush();
                    },
                    "load-sender");
            sending.start();
            long committed = 0;
            long lastHeight = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            long lastCommit = start;
            while (committed < n && System.nanoTime() < deadline) {
                for (var rec : blocks.poll(Duration.ofMillis(50))) {
                    long height = Long.parseLong(rec.key());
                    if (height <= lastHeight) {
                        continue; // another replica's announcement of a block already counted
                    }
                    lastHeight = height;
                    @SuppressWarnings("unchecked")
                    Map<String, Object> header =
                            (Map<String, Object>) Json.readMap(rec.value()).get("header");
                    int count = ((Number) header.get("txCount")).intValue();
                    long now = System.nanoTime();
                    for (int k = 0; k < count && committed < n; k++, committed++) {
                        latency[(int) committed] = now - sentAt[(int) committed];
                    }
                    lastCommit = now;
                }
            }
            sending.join();
            return new Result(committed, (lastCommit - start) / 1e9, Arrays.copyOf(latency, (int) committed));
        }
    }

    private static List<ConfigurableApplicationContext> startLedger(
            EmbeddedPostgresServer pg,
            EmbeddedKafkaBroker kafka,
            Ed25519.KeyPair sender,
            String consensus,
            int validators,
            int blockSize) {
        List<Ed25519.KeyPair> keys =
                IntStream.range(0, validators).mapToObj(i -> Ed25519.generate()).toList();
        List<ConfigurableApplicationContext> replicas = new ArrayList<>();
        for (int i = 0; i < validators; i++) {
            String schema = "ledger_" + i;
            List<String> args = new ArrayList<>(List.of(
                    "--spring.config.name=ledger",
                    "--server.port=0",
                    "--spring.main.banner-mode=off",
                    "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--spring.datasource.url=" + pg.jdbcUrl(schema),
                    "--spring.datasource.username=" + pg.username(),
                    "--spring.datasource.password=" + pg.password(),
                    "--spring.flyway.schemas=" + schema,
                    "--spring.flyway.default-schema=" + schema,
                    "--dcp.internal.secret=load-generator-secret-0000",
                    "--dcp.ledger.consensus=" + consensus,
                    "--dcp.ledger.max-transactions=" + blockSize,
                    "--dcp.ledger.validator-id=validator-" + i,
                    "--dcp.ledger.validator-key=" + Hashes.hex(keys.get(i).privateKey()),
                    "--dcp.ledger.trusted-senders=" + sender.publicKeyHex(),
                    "--logging.level.root=WARN"));
            for (int v = 0; v < validators; v++) {
                args.add("--dcp.ledger.validators[" + v + "].id=validator-" + v);
                args.add("--dcp.ledger.validators[" + v + "].public-key="
                        + keys.get(v).publicKeyHex());
            }
            replicas.add(new SpringApplicationBuilder(LedgerApplication.class)
                    .registerShutdownHook(false)
                    .run(args.toArray(String[]::new)));
        }
        return replicas;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }
}
