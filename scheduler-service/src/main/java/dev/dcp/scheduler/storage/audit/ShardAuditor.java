package dev.dcp.scheduler.storage.audit;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.json.Json;
import dev.dcp.common.storage.ShardAudit;
import dev.dcp.common.storage.StorageRecords;
import dev.dcp.scheduler.storage.StorageProperties;
import dev.dcp.scheduler.storage.StorageWorkers;
import dev.dcp.scheduler.storage.object.ObjectRepository;
import dev.dcp.scheduler.storage.object.ShardRecord;
import dev.dcp.scheduler.storage.transfer.ShardTransfer;
import dev.dcp.scheduler.worker.WorkerRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Audits shards on a schedule, those audited longest ago first, so every shard is challenged within
 * (shards ÷ audits per round) rounds: a fresh nonce and random leaves, answered from the worker's disk, judged
 * against the root recorded at upload ({@link ShardAudit}). A shard that fails is marked FAILED, which the repair
 * rebuilds elsewhere; a worker that does not answer is not judged (it may be away; its lease decides).
 */
@Component
class ShardAuditor {

    private static final Logger log = LoggerFactory.getLogger(ShardAuditor.class);

    private final ObjectRepository repository;
    private final ShardTransfer transfer;
    private final StorageWorkers workers;
    private final WorkerRegistry registry;
    private final StorageProperties properties;
    private final AuditFailures failures;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ShardAuditor(
            ObjectRepository repository,
            ShardTransfer transfer,
            StorageWorkers workers,
            WorkerRegistry registry,
            StorageProperties properties,
            AuditFailures failures,
            Clock clock) {
        this.repository = repository;
        this.transfer = transfer;
        this.workers = workers;
        this.registry = registry;
        this.properties = properties;
        this.failures = failures;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${dcp.storage.audit-every:30s}",
            initialDelayString = "${dcp.storage.audit-every:30s}")
    void auditRound() {
        Set<String> online = workers.online();
        List<ShardRecord> due = repository.auditable(properties.auditsPerRound()).stream()
                .filter(s -> online.contains(s.workerId()))
                .toList();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (ShardRecord shard : due) {
            pending.add(audit(shard));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }

    CompletableFuture<Void> audit(ShardRecord shard) {
        ShardAudit.Challenge challenge = ShardAudit.challenge(
                UUID.randomUUID().toString(), shard.shardId(), shard.length(), properties.auditLeaves(), random);
        return transfer.send(
                        shard.workerId(),
                        StorageRecords.Op.AUDIT,
                        shard.shardId(),
                        Json.write(challenge).getBytes(StandardCharsets.UTF_8))
                .handle((reply, error) -> {
                    if (error != null) {
                        return null; // unanswered: not a verdict
                    }
                    ShardAudit.Verdict verdict = judge(shard, challenge, reply);
                    if (verdict.passed()) {
                        repository.audited(shard.shardId(), ShardRecord.PASSED, clock.instant());
                    } else {
                        log.warn(
                                "shard {} on worker {} failed its audit: {}",
                                shard.shardId(),
                                shard.workerId(),
                                verdict.reason());
                        failures.failed(shard, challenge.challengeId(), verdict.reason());
                    }
                    return null;
                });
    }

    private ShardAudit.Verdict judge(ShardRecord shard, ShardAudit.Challenge challenge, ShardTransfer.Reply reply) {
        if (reply.status() != StorageRecords.Status.ANSWERED) {
            return new ShardAudit.Verdict(false, "the worker answered " + reply.status());
        }
        ShardAudit.Answer answer;
        try {
            answer = Json.read(new String(reply.value(), StandardCharsets.UTF_8), ShardAudit.Answer.class);
        } catch (RuntimeException e) {
            return new ShardAudit.Verdict(false, "the answer is not an audit answer");
        }
        String key = registry.keyOf(shard.workerId()).orElse("");
        return ShardAudit.judge(challenge, answer, shard.workerId(), key, Hashes.unhex(shard.root()), shard.length());
    }
}
