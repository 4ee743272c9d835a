package dev.dcp.scheduler.worker;

import dev.dcp.common.event.Topics;
import dev.dcp.common.event.WorkerHeartbeat;
import dev.dcp.common.json.Json;
import dev.dcp.scheduler.SchedulerProperties;
import dev.dcp.scheduler.job.WorkStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Registers workers from their heartbeats and starts the leases of the replicas they report running. */
@Component
class HeartbeatListener {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatListener.class);

    private final WorkerRegistry registry;
    private final WorkStore store;
    private final SchedulerProperties properties;
    private final TransactionTemplate tx;

    HeartbeatListener(
            WorkerRegistry registry, WorkStore store, SchedulerProperties properties, TransactionTemplate tx) {
        this.registry = registry;
        this.store = store;
        this.properties = properties;
        this.tx = tx;
    }

    @KafkaListener(topics = Topics.WORKERS, groupId = "scheduler-workers")
    void onHeartbeat(String payload) {
        WorkerHeartbeat hb;
        try {
            hb = Json.read(payload, WorkerHeartbeat.class);
        } catch (RuntimeException e) {
            log.warn("dropped a malformed heartbeat: {}", e.getMessage());
            return;
        }
        if (hb.workerId() == null || hb.publicKey() == null || !hb.publicKey().matches("[0-9a-f]{64}")) {
            log.warn("dropped a heartbeat without worker id or a hex public key");
            return;
        }
        Map<String, Instant> started = new HashMap<>();
        for (WorkerHeartbeat.Running r : hb.running()) {
            if (r.replicaId() != null) {
                started.put(r.replicaId(), Instant.ofEpochMilli(r.startedAt()));
            }
        }
        tx.executeWithoutResult(status -> {
            if (!registry.heartbeat(hb)) {
                log.warn("refused a heartbeat for worker {}: it is registered with another key", hb.workerId());
                return;
            }
            if (!started.isEmpty()) {
                store.startLeases(started, properties.lease());
            }
        });
    }
}
