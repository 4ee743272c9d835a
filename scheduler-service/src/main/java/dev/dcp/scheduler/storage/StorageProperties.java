package dev.dcp.scheduler.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param platformKey    the key that wraps every object's own key: 32 random bytes in base64 (a Kubernetes Secret);
 *                       when empty, one is generated into {@code keyFile} and kept there
 * @param keyFile        where a generated platform key is kept
 * @param segmentSize    the plaintext cut into one set of shards; reads and repairs work a segment at a time
 * @param defaultK       data shards per segment when the upload does not say (three workers hold k=2, m=1)
 * @param defaultM       parity shards per segment when the upload does not say: that many workers may be lost
 * @param maxK           the most data shards an upload may ask for
 * @param maxM           the most parity shards an upload may ask for
 * @param defaultDays    retention when the upload does not say
 * @param maxDays        the longest retention an upload may ask for
 * @param requestTimeout how long a worker has to answer one storage command
 * @param segmentsInFlight segments of one upload whose shards may be on their way to workers at once
 * @param abandonedAfter an upload that has not moved for this long is abandoned: its shards are deleted
 * @param auditsPerRound shards challenged per audit round ({@code dcp.storage.audit-every}, 30 s)
 * @param auditLeaves    leaves asked for per audit: a worker keeping half a shard passes one with odds 2^-leaves
 * @param workerLease    a worker not heard from for this long is gone: its shards are rebuilt elsewhere
 *                       ({@code dcp.storage.repair-every}, 30 s)
 * @param paymentPeriod  the audit period providers are paid per, for the shards that stand audited at its end
 *                       (checked every {@code dcp.storage.audit-every}); an object whose retention has ended is
 *                       paid to its end and deleted
 */
@ConfigurationProperties("dcp.storage")
public record StorageProperties(
        String platformKey,
        @DefaultValue("data/scheduler/storage.key") String keyFile,
        @DefaultValue("4MB") DataSize segmentSize,
        @DefaultValue("2") int defaultK,
        @DefaultValue("1") int defaultM,
        @DefaultValue("16") int maxK,
        @DefaultValue("8") int maxM,
        @DefaultValue("30") int defaultDays,
        @DefaultValue("3650") int maxDays,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("4") int segmentsInFlight,
        @DefaultValue("10m") Duration abandonedAfter,
        @DefaultValue("16") int auditsPerRound,
        @DefaultValue("8") int auditLeaves,
        @DefaultValue("60s") Duration workerLease,
        @DefaultValue("1h") Duration paymentPeriod) {}
