package dev.dcp.contract.slashing;

import dev.dcp.common.event.ShardAuditFailed;
import dev.dcp.common.event.Topics;
import dev.dcp.common.event.WorkerOutvoted;
import dev.dcp.common.json.Json;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Takes the outvoted workers and the failed shard audits from the scheduler's job events; every other event on that
 * topic is not ours.
 */
@Component
class OutvoteListener {

    private static final Logger log = LoggerFactory.getLogger(OutvoteListener.class);

    private final SlashingService slashing;

    OutvoteListener(SlashingService slashing) {
        this.slashing = slashing;
    }

    @KafkaListener(topics = Topics.JOB_EVENTS, groupId = "contract-slashing")
    void onJobEvent(String payload) {
        // most events on the topic are progress; only an outvote or a failed audit is parsed
        if (payload == null || !(payload.contains(WorkerOutvoted.TYPE) || payload.contains(ShardAuditFailed.TYPE))) {
            return;
        }
        Map<String, Object> event;
        try {
            event = Json.readMap(payload);
        } catch (RuntimeException e) {
            log.warn("dropped a malformed job event: {}", e.getMessage());
            return;
        }
        if (ShardAuditFailed.TYPE.equals(event.get("type"))) {
            ShardAuditFailed failed = Json.read(payload, ShardAuditFailed.class);
            if (failed.challengeId() == null || failed.objectId() == null || failed.workerKey() == null) {
                log.warn("dropped a failed audit without challenge, object or worker key");
                return;
            }
            slashing.slash(failed);
            return;
        }
        if (!WorkerOutvoted.TYPE.equals(event.get("type"))) {
            return;
        }
        WorkerOutvoted outvoted = Json.read(payload, WorkerOutvoted.class);
        if (outvoted.replicaId() == null || outvoted.jobId() == null || outvoted.workerKey() == null) {
            log.warn("dropped an outvote without replica, job or worker key");
            return;
        }
        slashing.slash(outvoted);
    }
}
