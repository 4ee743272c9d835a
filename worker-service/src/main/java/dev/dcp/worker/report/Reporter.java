package dev.dcp.worker.report;

import dev.dcp.common.event.ResultBatch;
import dev.dcp.common.event.Topics;
import dev.dcp.common.event.WorkerHeartbeat;
import dev.dcp.common.json.Json;
import dev.dcp.common.web.RequestId;
import dev.dcp.worker.WorkerProperties;
import dev.dcp.worker.identity.WorkerIdentity;
import dev.dcp.worker.storage.ShardStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends results and heartbeats. A heartbeat names the replicas running right now, so the scheduler counts
 * their lease from when they started rather than from when they were queued.
 */
@Component
public class Reporter {

    private final KafkaTemplate<String, String> kafka;
    private final WorkerIdentity identity;
    private final WorkerProperties properties;
    private final AtomicInteger busy = new AtomicInteger();
    private final Map<String, Long> running = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ShardStore shards;

    Reporter(
            KafkaTemplate<String, String> kafka,
            WorkerIdentity identity,
            WorkerProperties properties,
            Clock clock,
            ShardStore shards) {
        this.shards = shards;
        this.kafka = kafka;
        this.identity = identity;
        this.properties = properties;
        this.clock = clock;
    }

    public AtomicInteger busySlots() {
        return busy;
    }

    public void started(String replicaId) {
        busy.incrementAndGet();
        running.put(replicaId, clock.millis());
    }

    public void finished(String replicaId) {
        running.remove(replicaId);
        busy.decrementAndGet();
    }

    /**
     * Sends signed answers; the future completes when the broker has them. Unkeyed: any partition will do. The
     * record carries an {@code X-Request-Id} header for each request whose subtasks it answers, copied from the
     * subtask records, so the scheduler logs the results under the ids of the requests that caused them.
     */
    public CompletableFuture<?> send(ResultBatch batch, Collection<String> requestIds) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.RESULTS, Json.write(batch));
        requestIds.forEach(id -> record.headers().add(RequestId.HEADER, id.getBytes(StandardCharsets.UTF_8)));
        return kafka.send(record);
    }

    public CompletableFuture<?> deadLetter(String topic, String key, String payload) {
        return kafka.send(topic, key, payload);
    }

    @Scheduled(fixedDelayString = "${dcp.worker.heartbeat:1s}", initialDelay = 0)
    @SuppressWarnings("FutureReturnValueIgnored") // a heartbeat lost is replaced by the next, a second later
    void heartbeat() {
        List<WorkerHeartbeat.Running> now = new ArrayList<>();
        running.forEach((replica, since) -> now.add(new WorkerHeartbeat.Running(replica, since)));
        WorkerHeartbeat hb = new WorkerHeartbeat(
                identity.id(),
                identity.keys().publicKeyHex(),
                properties.slots(),
                busy.get(),
                clock.millis(),
                now,
                shards.capacityBytes(),
                shards.usedBytes());
        kafka.send(Topics.WORKERS, identity.id(), Json.write(hb));
    }
}
