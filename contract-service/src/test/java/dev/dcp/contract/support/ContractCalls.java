package dev.dcp.contract.support;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import dev.dcp.common.kafka.KafkaClients;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.testkit.Eventually;
import dev.dcp.testkit.ServiceTestSupport;
import dev.dcp.testkit.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/**
 * contract-service's tests call it as the gateway and the scheduler do (with the service credential of a
 * caller), and read what it published for the ledger off the transaction topic.
 */
public final class ContractCalls {

    public record Reply(int status, Map<String, Object> body, String contentType, String retryAfter) {}

    private final RestClient http;

    public ContractCalls(int port) {
        this.http = RestClient.create("http://localhost:" + port);
    }

    /** {@code body} is sent as JSON, or as it is when it is a string (for malformed bodies). */
    public Reply call(String method, String path, Caller caller, Object body) {
        var spec = http.method(HttpMethod.valueOf(method))
                .uri(path)
                .header(ServiceCredential.HEADER, ServiceTestSupport.credential(caller));
        if (body != null) {
            spec = spec.contentType(MediaType.APPLICATION_JSON).body(body instanceof String s ? s : Json.write(body));
        }
        return spec.exchange((req, res) -> {
            byte[] bytes = res.getBody().readAllBytes();
            Map<String, Object> parsed =
                    bytes.length == 0 ? Map.of() : Json.readMap(new String(bytes, StandardCharsets.UTF_8));
            return new Reply(
                    res.getStatusCode().value(),
                    parsed,
                    String.valueOf(res.getHeaders().getContentType()),
                    res.getHeaders().getFirst("Retry-After"));
        });
    }

    /** The transaction topic's end now: what is published after it is read with {@link #ledgerTransactionsFrom}. */
    public static long endOffset() {
        try (KafkaConsumer<String, String> c =
                KafkaClients.unmanagedConsumer(SharedInfrastructure.kafka().bootstrapServers(), "contract-test")) {
            TopicPartition tp = new TopicPartition(Topics.LEDGER_TX, 0);
            return c.endOffsets(List.of(tp)).get(tp);
        }
    }

    /** The transaction topic's end once the outbox sent what was committed before: earlier work stays before it. */
    public static long endOffset(JdbcTemplate jdbc) {
        awaitOutboxSent(jdbc);
        return endOffset();
    }

    private static void awaitOutboxSent(JdbcTemplate jdbc) {
        Eventually.await(
                "the outbox sent every ledger transaction",
                Duration.ofSeconds(15),
                () -> jdbc.queryForObject("select count(*) from outbox where topic = ?", Long.class, Topics.LEDGER_TX)
                        == 0);
    }

    /**
     * Every transaction published from {@code offset} on, once the outbox has sent all it held: the relay deletes a
     * row only after Kafka acknowledged it, so with the outbox empty the topic's end covers everything committed,
     * and a duplicate would be among what is read.
     */
    public static List<Transaction> ledgerTransactionsFrom(long offset, JdbcTemplate jdbc) {
        awaitOutboxSent(jdbc);
        try (KafkaConsumer<String, String> c =
                KafkaClients.unmanagedConsumer(SharedInfrastructure.kafka().bootstrapServers(), "contract-test")) {
            TopicPartition tp = new TopicPartition(Topics.LEDGER_TX, 0);
            c.assign(List.of(tp));
            c.seek(tp, offset);
            long end = c.endOffsets(List.of(tp)).get(tp);
            List<Transaction> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (c.position(tp) < end) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + Topics.LEDGER_TX + " up to offset " + end);
                }
                c.poll(Duration.ofMillis(200)).forEach(r -> out.add(Json.read(r.value(), Transaction.class)));
            }
            return out;
        }
    }

    /** Waits until consumer group {@code group} has committed past every record in {@code sent}: all handled. */
    public static void awaitConsumed(String group, List<RecordMetadata> sent) {
        Map<TopicPartition, Long> needed = new HashMap<>();
        sent.forEach(m -> needed.merge(new TopicPartition(m.topic(), m.partition()), m.offset() + 1, Math::max));
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafka().bootstrapServers()))) {
            Eventually.await(group + " past the records sent", Duration.ofSeconds(20), () -> {
                Map<TopicPartition, OffsetAndMetadata> committed;
                try {
                    committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("could not read the offsets of " + group, e);
                }
                return needed.entrySet().stream()
                        .allMatch(n -> committed.get(n.getKey()) != null
                                && committed.get(n.getKey()).offset() >= n.getValue());
            });
        }
    }
}
