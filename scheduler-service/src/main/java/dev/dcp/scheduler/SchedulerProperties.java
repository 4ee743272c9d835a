package dev.dcp.scheduler;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param contractUrl   where contract-service answers admission requests
 * @param lease         how long a replica a worker has started may stay unanswered before it is dispatched again
 * @param queueLease    how long a replica may wait unstarted in the queue before it is dispatched again (it is
 *                      normally just waiting its turn, and Kafka hands it to another worker if its worker dies)
 * @param maxAttempts   dispatches of one subtask lost or errored before it, and its job, fail
 * @param keyFile       the scheduler's Ed25519 key for the ledger transactions it signs
 * @param unknownWorkerGrace how long a result from a worker not yet registered waits for its first heartbeat
 * @param spotCheckRate share of an adaptive job's subtasks answered by a trusted worker that are replicated anyway
 */
@ConfigurationProperties("dcp.scheduler")
public record SchedulerProperties(
        @DefaultValue("http://localhost:8082") String contractUrl,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("10m") Duration queueLease,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("data/scheduler/signing.key") String keyFile,
        @DefaultValue("3s") Duration unknownWorkerGrace,
        @DefaultValue("0.1") double spotCheckRate) {}
