package dev.dcp.scheduler.worker;

import dev.dcp.common.event.Topics;
import dev.dcp.common.event.WorkerHeartbeat;
import dev.dcp.common.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class HeartbeatListener {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatListener.class);

    private final WorkerRegistry registry;

    HeartbeatListener(WorkerRegistry registry) {
        this.registry = registry;
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
        if (hb.workerId() == null || hb.publicKey() == null) {
            log.warn("dropped a heartbeat without worker id or key");
            return;
        }
        registry.heartbeat(hb);
    }
}
