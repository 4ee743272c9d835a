package dev.dcp.common.event;

/**
 * A worker whose answer lost a quorum vote, on {@link Topics#JOB_EVENTS} keyed by job id, for contract-service
 * to slash and lower the reputation of. {@code acceptedHash} is the output hash the majority agreed on.
 */
public record WorkerOutvoted(
        String type,
        String jobId,
        String tenantId,
        int index,
        String replicaId,
        String workerId,
        String workerKey,
        String outputHash,
        String acceptedHash,
        long at) {

    public static final String TYPE = "WORKER_OUTVOTED";

    public static WorkerOutvoted of(
            String jobId,
            String tenantId,
            int index,
            String replicaId,
            String workerId,
            String workerKey,
            String outputHash,
            String acceptedHash,
            long at) {
        return new WorkerOutvoted(
                TYPE, jobId, tenantId, index, replicaId, workerId, workerKey, outputHash, acceptedHash, at);
    }
}
