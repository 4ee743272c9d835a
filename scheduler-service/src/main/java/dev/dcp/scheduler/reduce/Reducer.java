package dev.dcp.scheduler.reduce;

import java.util.List;
import java.util.Map;

/** Combines the accepted outputs of a job's subtasks, in subtask order, into the job's result. */
public interface Reducer {

    Map<String, Object> reduce(List<Map<String, Object>> outputs);
}
