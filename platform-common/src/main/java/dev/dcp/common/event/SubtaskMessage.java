package dev.dcp.common.event;

import java.util.Map;

/**
 * One replica of a subtask, scheduler to workers on {@link Topics#SUBTASKS}.
 * {@code replicaId} is unique per dispatch, so a result names exactly the replica it answers.
 */
public record SubtaskMessage(
        String jobId, int index, String replicaId, String kind, Map<String, Object> input, long leaseMillis) {

    /**
     * A replica whose input is JSON text already, as the scheduler stores it: the text is written into the message
     * as it is, without a parse and rewrite per replica, and parsed only if someone reads {@link #input()}.
     */
    public static SubtaskMessage withInputJson(
            String jobId, int index, String replicaId, String kind, String inputJson, long leaseMillis) {
        return new SubtaskMessage(
                jobId, index, replicaId, kind, inputJson == null ? null : new InputJson(inputJson), leaseMillis);
    }
}
