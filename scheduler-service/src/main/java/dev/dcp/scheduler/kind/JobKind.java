package dev.dcp.scheduler.kind;

import dev.dcp.common.event.Kind;
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

    /**
     * As {@link #split(Map, Integer, Splitter)}, for a kind whose input may name a stored object of the submitting
     * tenant, found with {@code objects}.
     *
     * @throws InputRefused when the input names an object the tenant does not have
     * @throws InputTooLarge when it names one too large for the kind
     */
    default List<Map<String, Object>> split(
            Map<String, Object> input, Integer parallelism, Splitter splitter, StoredInput.Lookup objects) {
        return split(input, parallelism, splitter);
    }

    Reducer reducer();

    /** The platform kind this is. */
    default Kind kind() {
        return Kind.named(name()).orElseThrow();
    }

    /**
     * The most one answer to this subtask is paid for, in the kind's work units, computed from the subtask's input
     * alone: for a built-in kind its whole cost (an honest worker reports exactly this, or for hashcash at most
     * this), for wasm the gas limit. An agreed answer claiming more is paid this.
     */
    long workBound(Map<String, Object> subtaskInput);

    /** Whether the agreed answer narrows the bound: a search that stopped early did less than its whole range. */
    default boolean boundDependsOnAnswer() {
        return false;
    }

    /** The bound once the agreed answer is known; only asked when {@link #boundDependsOnAnswer()}. */
    default long workBound(Map<String, Object> subtaskInput, Map<String, Object> answer) {
        return workBound(subtaskInput);
    }

    /** The job input's JSON Schema (draft 2020-12), as {@code GET /api/v1/kinds} publishes it. */
    Map<String, Object> inputSchema();
}
