package dev.dcp.worker.intake;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The subtasks this worker has answered lately. Replicas are pulled from a shared queue, so a second replica of a
 * subtask can reach the worker that answered the first; its second answer would not count (a worker votes once)
 * and is not paid, so it is declined at once instead of computed again. Bounded: a subtask answered long ago has
 * long been decided.
 */
final class AnsweredSubtasks {

    static final int REMEMBERED = 100_000;

    private final Set<String> answered;

    AnsweredSubtasks() {
        this(REMEMBERED);
    }

    AnsweredSubtasks(int remembered) {
        this.answered = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > remembered;
            }
        }));
    }

    void answered(String jobId, int index) {
        answered.add(jobId + ":" + index);
    }

    boolean hasAnswered(String jobId, int index) {
        return answered.contains(jobId + ":" + index);
    }
}
