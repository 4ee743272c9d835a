package dev.dcp.common.event;

import java.util.Map;

/**
 * One replica of a subtask, scheduler to workers on {@link Topics#SUBTASKS}.
 * {@code replicaId} is unique per dispatch, so a result names exactly the replica it answers.
 */
public record SubtaskMessage(String jobId, int index, String replicaId, String kind, Map<String, Object> input,
                             long leaseMillis) {
}
