package dev.dcp.common.event;

/**
 * A worker failed the audit of a shard it was paid to keep, on {@link Topics#JOB_EVENTS} keyed by object id, for
 * contract-service to slash its provider as it slashes an outvoted one. {@code challengeId} makes it idempotent;
 * {@code cid} is what the slash names on the ledger (absent in events from before it was carried: the id stands).
 */
public record ShardAuditFailed(
        String type,
        String objectId,
        String cid,
        String shardId,
        String challengeId,
        String workerId,
        String workerKey,
        String reason,
        long at) {

    public static final String TYPE = "SHARD_AUDIT_FAILED";

    public static ShardAuditFailed of(
            String objectId,
            String cid,
            String shardId,
            String challengeId,
            String workerId,
            String workerKey,
            String reason,
            long at) {
        return new ShardAuditFailed(TYPE, objectId, cid, shardId, challengeId, workerId, workerKey, reason, at);
    }
}
