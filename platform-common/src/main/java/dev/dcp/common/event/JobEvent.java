package dev.dcp.common.event;

import java.util.Map;

/**
 * A job's status and progress, on {@link Topics#JOB_EVENTS} keyed by job id. Consumers tell it from the other
 * events on that topic by {@code type}.
 */
public record JobEvent(
        String type,
        String jobId,
        String tenantId,
        String status,
        int subtasks,
        int accepted,
        Map<String, Object> result,
        String resultHash,
        long cost,
        String error,
        long at) {

    public static final String TYPE = "JOB_STATUS";

    public static JobEvent of(
            String jobId,
            String tenantId,
            String status,
            int subtasks,
            int accepted,
            Map<String, Object> result,
            String resultHash,
            long cost,
            String error,
            long at) {
        return new JobEvent(TYPE, jobId, tenantId, status, subtasks, accepted, result, resultHash, cost, error, at);
    }

    public boolean isFinal() {
        return "COMPLETED".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
    }
}
