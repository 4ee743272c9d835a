package dev.dcp.scheduler.storage.audit;

import dev.dcp.common.event.ShardAuditFailed;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import dev.dcp.common.outbox.Outbox;
import dev.dcp.scheduler.storage.object.ObjectRepository;
import dev.dcp.scheduler.storage.object.ShardRecord;
import dev.dcp.scheduler.storage.object.StoredObject;
import dev.dcp.scheduler.worker.WorkerRegistry;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A failed audit: the shard marked FAILED and the failure told to contract-service, in one transaction. */
@Component
class AuditFailures {

    private final ObjectRepository repository;
    private final WorkerRegistry registry;
    private final Outbox outbox;
    private final Clock clock;

    AuditFailures(ObjectRepository repository, WorkerRegistry registry, Outbox outbox, Clock clock) {
        this.repository = repository;
        this.registry = registry;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public void failed(ShardRecord shard, String challengeId, String reason) {
        repository.audited(shard.shardId(), ShardRecord.FAILED, clock.instant());
        ShardAuditFailed event = ShardAuditFailed.of(
                shard.objectId().toString(),
                repository.byId(shard.objectId()).map(StoredObject::cid).orElse(null),
                shard.shardId(),
                challengeId,
                shard.workerId(),
                registry.keyOf(shard.workerId()).orElse(null),
                reason,
                clock.millis());
        outbox.append(Topics.JOB_EVENTS, shard.objectId().toString(), Json.write(event));
    }
}
