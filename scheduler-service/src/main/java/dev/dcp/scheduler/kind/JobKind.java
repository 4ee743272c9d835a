package dev.dcp.scheduler.kind;

import dev.dcp.common.web.ProblemException.FieldError;
import dev.dcp.scheduler.reduce.Reducer;
import java.util.List;
import java.util.Map;

/** What the scheduler knows of one job kind: its input rules, how it splits, and how its outputs combine. */
public interface JobKind {

    String name();

    /** Problems with the input, each naming its field as {@code input.x}; empty when valid. */
    List<FieldError> validate(Map<String, Object> input);

    /** The subtask inputs, in order; {@code parallelism} null lets the kind choose. */
    List<Map<String, Object>> split(Map<String, Object> input, Integer parallelism, String strategy);

    Reducer reducer();
}
