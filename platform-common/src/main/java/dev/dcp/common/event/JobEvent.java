package dev.dcp.common.event;

import java.util.Map;

/** A job's lifecycle and progress, on {@link Topics#JOB_EVENTS} keyed by job id. */
public record JobEvent(String jobId, String tenantId, String status, int subtasks, int accepted,
                       Map<String, Object> result, String resultHash, long cost, long at) {
}
