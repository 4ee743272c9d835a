package dev.dcp.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.event.ResultBatch;
import dev.dcp.common.event.ResultMessage;
import dev.dcp.common.event.SubtaskMessage;
import dev.dcp.common.event.Topics;
import dev.dcp.common.event.WorkerHeartbeat;
import dev.dcp.common.json.Json;
import dev.dcp.common.kafka.KafkaClients;
import dev.dcp.testkit.Eventually;
import dev.dcp.testkit.ServiceTestSupport;
import dev.dcp.testkit.SharedInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A worker against a real broker: subtasks in on {@code dcp.subtasks}, signed results out on {@code dcp.results}. */
@SpringBootTest(
        properties = {
            "spring.config.name=worker",
            "dcp.worker.id=worker-under-test",
            "dcp.worker.heartbeat=200ms",
            "server.port=0"
        })
class WorkerIntegrationTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestSupport.register(registry, null, dataDir);
        registry.add("dcp.worker.data-dir", () -> dataDir.toString());
    }

    @Test
    void aSubtaskIsAnsweredWithACorrectSignedResult() throws Exception {
        String jobId = UUID.randomUUID().toString();
        SubtaskMessage task = new SubtaskMessage(
                jobId, 3, UUID.randomUUID().toString(), "primes", Map.of("from", 1_000_000, "to", 2_000_000), 60_000);
        try (KafkaConsumer<String, String> results = consumer(Topics.RESULTS);
                KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap(), "worker-test")) {
            producer.send(new ProducerRecord<>(Topics.SUBTASKS, task.replicaId(), Json.write(task)))
                    .get();
            ResultBatch batch = Eventually.await(
                    "the result of " + jobId,
                    Duration.ofSeconds(30),
                    () -> poll(
                                    results,
                                    ResultBatch.class,
                                    b -> b.results().get(0).jobId().equals(jobId))
                            .orElse(null));
            assertThat(batch.authenticResults()).hasSize(1);
            ResultMessage result = batch.results().get(0);
            assertThat(result.workerId()).isEqualTo("worker-under-test");
            assertThat(result.replicaId()).isEqualTo(task.replicaId());
            assertThat(result.index()).isEqualTo(3);
            // pi(2*10^6) - pi(10^6), and the 10^6 numbers sieved as the work, both under the output hash
            assertThat(result.output()).isEqualTo(Map.of("count", 70435, "work", 1_000_000));
            assertThat(result.error()).isNull();
        }
    }

    @Test
    void manyTinySubtasksAreAnsweredOnceEachUnderFarFewerSignatures() throws Exception {
        String jobId = UUID.randomUUID().toString();
        int n = 400;
        try (KafkaConsumer<String, String> results = consumer(Topics.RESULTS);
                KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap(), "worker-test")) {
            List<Future<RecordMetadata>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                SubtaskMessage task = new SubtaskMessage(
                        jobId,
                        i,
                        UUID.randomUUID().toString(),
                        "primes",
                        Map.of("from", i * 100, "to", (i + 1) * 100),
                        60_000);
                sent.add(producer.send(new ProducerRecord<>(Topics.SUBTASKS, task.replicaId(), Json.write(task))));
            }
            // sent in one burst, as a busy scheduler sends them, and every send acknowledged
            for (Future<RecordMetadata> send : sent) {
                send.get();
            }
            Map<Integer, Integer> answersByIndex = new java.util.HashMap<>();
            List<ResultBatch> batches = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (answersByIndex.size() < n && System.nanoTime() < deadline) {
                for (var record : results.poll(Duration.ofMillis(200))) {
                    ResultBatch batch = Json.read(record.value(), ResultBatch.class);
                    if (!batch.results().get(0).jobId().equals(jobId)) {
                        continue;
                    }
                    batches.add(batch);
                    assertThat(batch.authenticResults()).hasSameSizeAs(batch.results());
                    batch.results().forEach(r -> answersByIndex.merge(r.index(), 1, Integer::sum));
                }
            }
            assertThat(answersByIndex).hasSize(n);
            assertThat(answersByIndex.values()).allMatch(times -> times == 1);
            // the signer gathers the answers of both slots: a signature covers many of them
            assertThat(batches.size()).isLessThan(n / 4);
        }
    }

    @Test
    void aSubtaskOfAnUnknownKindIsAnsweredWithASignedError() throws Exception {
        String jobId = UUID.randomUUID().toString();
        SubtaskMessage task = new SubtaskMessage(jobId, 0, UUID.randomUUID().toString(), "teleport", Map.of(), 60_000);
        try (KafkaConsumer<String, String> results = consumer(Topics.RESULTS);
                KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap(), "worker-test")) {
            producer.send(new ProducerRecord<>(Topics.SUBTASKS, task.replicaId(), "{broken"))
                    .get();
            producer.send(new ProducerRecord<>(Topics.SUBTASKS, task.replicaId(), Json.write(task)))
                    .get();
            ResultBatch batch = Eventually.await(
                    "the error of " + jobId,
                    Duration.ofSeconds(30),
                    () -> poll(
                                    results,
                                    ResultBatch.class,
                                    b -> b.results().get(0).jobId().equals(jobId))
                            .orElse(null));
            assertThat(batch.authenticResults()).hasSize(1);
            ResultMessage result = batch.results().get(0);
            assertThat(result.output()).isNull();
            assertThat(result.error()).contains("teleport");
        }
    }

    @Test
    void theWorkerAnnouncesItselfWithItsKeyAndSlots() {
        try (KafkaConsumer<String, String> heartbeats = consumer(Topics.WORKERS)) {
            WorkerHeartbeat hb = Eventually.await(
                    "a heartbeat",
                    Duration.ofSeconds(30),
                    () -> poll(
                                    heartbeats,
                                    WorkerHeartbeat.class,
                                    h -> h.workerId().equals("worker-under-test"))
                            .orElse(null));
            assertThat(hb.publicKey()).hasSize(64);
            assertThat(hb.slots()).isEqualTo(2);
        }
    }

    private static <T> Optional<T> poll(
            KafkaConsumer<String, String> consumer, Class<T> type, java.util.function.Predicate<T> wanted) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
            T value = Json.read(record.value(), type);
            if (wanted.test(value)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static KafkaConsumer<String, String> consumer(String topic) {
        KafkaConsumer<String, String> c = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "worker-test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
        c.subscribe(List.of(topic));
        return c;
    }

    private static String bootstrap() {
        return SharedInfrastructure.kafka().bootstrapServers();
    }
}
