package dev.dcp.common.metering;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two members every answer's output may carry besides its kind's own: {@code work}, the units the subtask
 * took, and {@code fault}, the reason a subtask failed the same way on every worker (a wasm trap, gas spent).
 * Both sit inside the output, so the output hash the replicas vote on covers them: replicas that disagree on the
 * work disagree on the answer, and a fault is decided by the same quorum as a value.
 */
public final class AnswerFields {

    public static final String WORK = "work";
    public static final String FAULT = "fault";

    private AnswerFields() {}

    /** The kernel's output with its work added, in a new map. */
    public static Map<String, Object> withWork(Map<String, Object> output, long work) {
        if (output.containsKey(WORK)) {
            throw new IllegalArgumentException("a kernel's output must not carry \"work\" itself");
        }
        Map<String, Object> answer = new LinkedHashMap<>(output);
        answer.put(WORK, work);
        return answer;
    }

    /** The output of a deterministic failure: its reason, nothing else of the kind's. */
    public static Map<String, Object> fault(String reason) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put(FAULT, reason);
        return output;
    }

    /** The work an output claims, or null when it carries none (or not a whole number). */
    public static Long workOf(Map<String, Object> output) {
        if (output == null) {
            return null;
        }
        Object work = output.get(WORK);
        if (work instanceof Integer || work instanceof Long) {
            long units = ((Number) work).longValue();
            return units < 0 ? null : units;
        }
        return null;
    }

    /** The fault an output reports, or null. */
    public static String faultOf(Map<String, Object> output) {
        if (output == null) {
            return null;
        }
        Object fault = output.get(FAULT);
        return fault instanceof String s ? s : null;
    }
}
