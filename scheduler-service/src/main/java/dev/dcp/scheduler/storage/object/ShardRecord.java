package dev.dcp.scheduler.storage.object;

import java.time.Instant;
import java.util.UUID;

/**
 * Where one shard is and what is known of it. {@code verdict}: SENT on its way, STORED when its worker receipted it, CORRUPT or
 * MISSING when a read found it so (audits will add PASSED and FAILED).
 */
record ShardRecord(
        UUID objectId,
        int segment,
        int shard,
        String shardId,
        String workerId,
        int length,
        String root,
        String verdict,
        Instant lastAudit) {

    static final String SENT = "SENT";
    static final String STORED = "STORED";
    static final String CORRUPT = "CORRUPT";
    static final String MISSING = "MISSING";

    boolean healthyOn(java.util.Set<String> onlineWorkers) {
        return onlineWorkers.contains(workerId) && STORED.equals(verdict);
    }
}
