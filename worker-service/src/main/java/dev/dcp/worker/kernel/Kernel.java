package dev.dcp.worker.kernel;

import dev.dcp.common.event.Kind;
import java.util.Map;

/**
 * A deterministic computation of one subtask: equal inputs give byte-for-byte equal answers, work included, on every
 * worker. An exception is a failure of this worker (the scheduler sends the subtask elsewhere); a failure every
 * worker would reach is an {@link Answer#fault}.
 */
public interface Kernel {

    Kind kind();

    Answer run(Map<String, Object> input);

    /** The replica a kernel runs: what a kernel that reads stored data names when it asks for it. */
    record Task(String jobId, int index, String replicaId) {}

    /** Runs the replica {@code task}; only kernels that read stored data need to know which it is. */
    default Answer run(Map<String, Object> input, Task task) {
        return run(input);
    }
}
