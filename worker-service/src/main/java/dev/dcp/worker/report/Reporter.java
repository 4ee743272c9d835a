package dev.dcp.worker.report;

import dev.dcp.common.event.ResultBatch;
import dev.dcp.common.event.Topics;
import dev.dcp.common.event.WorkerHeartbeat;
import dev.dcp.common.json.Json;
import dev.dcp.worker.WorkerProperties;
import dev.dcp.worker.identity.WorkerIdentity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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

    Reporter(KafkaTemplate<String, String> kafka, WorkerIdentity identity, WorkerProperties properties, Clock clock) {
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

    /** Sends signed answers; the future completes when the broker has them. Unkeyed: any partition will do. */
    public CompletableFuture<?> send(ResultBatch batch) {
        return kafka.send(Topics.RESULTS, Json.write(batch));
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
                identity.id(), identity.keys().publicKeyHex(), properties.slots(), busy.get(), clock.millis(), now);
        kafka.send(Topics.WORKERS, identity.id(), Json.write(hb));
    }
}
