package dev.dcp.scheduler.storage.object;

import java.time.Instant;
import java.util.UUID;

/**
 * Where one shard is and what is known of it. {@code verdict}: SENT on its way, STORED when its worker receipted it,
 * PASSED or FAILED by its last audit, CORRUPT or MISSING when a read or a repair found it so.
 */
public record ShardRecord(
        UUID objectId,
        int segment,
        int shard,
        String shardId,
        String workerId,
        int length,
        String root,
        String verdict,
        Instant lastAudit) {

    public static final String SENT = "SENT";
    public static final String STORED = "STORED";
    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";
    public static final String CORRUPT = "CORRUPT";
    public static final String MISSING = "MISSING";

    public boolean healthyOn(java.util.Set<String> onlineWorkers) {
        return onlineWorkers.contains(workerId) && (STORED.equals(verdict) || PASSED.equals(verdict));
    }
}
