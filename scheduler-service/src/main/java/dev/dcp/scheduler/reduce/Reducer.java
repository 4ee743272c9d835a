package dev.dcp.scheduler.reduce;

import java.util.List;
import java.util.Map;

/** Combines the accepted outputs of a job's subtasks, in subtask order, into the job's result. */
public interface Reducer {

    Map<String, Object> reduce(List<Map<String, Object>> outputs);

    /**
     * The same, for a result that also repeats something of the job's input (matmul's {@code n}, which no subtask
     * output carries); most kinds need only the outputs.
     */
    default Map<String, Object> reduce(Map<String, Object> input, List<Map<String, Object>> outputs) {
        return reduce(outputs);
    }
}
