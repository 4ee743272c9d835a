package dev.dcp.scheduler.kind;

import dev.dcp.common.web.ProblemException.FieldError;
import dev.dcp.scheduler.reduce.Reducer;
import dev.dcp.scheduler.split.Splitter;
import java.util.List;
import java.util.Map;

/** What the scheduler knows of one job kind: its input rules, how it splits, and how its outputs combine. */
public interface JobKind {

    String name();

    /**
     * Problems with the input, each naming its field as {@code input.x}; empty when valid. Unknown fields are
     * tolerated. Throws {@link InputTooLarge} for an input too large to take at all (a 413, not a 400).
     */
    List<FieldError> validate(Map<String, Object> input);

    /**
     * The subtask inputs, in order, for a valid input; {@code parallelism} null lets the kind choose. The kind
     * decides what its index space is and the splitter how to cut it.
     */
    List<Map<String, Object>> split(Map<String, Object> input, Integer parallelism, Splitter splitter);

    Reducer reducer();
}
