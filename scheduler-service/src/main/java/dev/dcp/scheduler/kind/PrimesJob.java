package dev.dcp.scheduler.kind;

import dev.dcp.common.metering.WorkCount;
import dev.dcp.common.web.ProblemException.FieldError;
import dev.dcp.scheduler.reduce.PrimesReducer;
import dev.dcp.scheduler.reduce.Reducer;
import dev.dcp.scheduler.split.Range;
import dev.dcp.scheduler.split.Splitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code primes}: count the primes in [from, to), 0 <= from < to <= 10^12. Subtask input {@code {from, to}}. */
public final class PrimesJob implements JobKind {

    static final long MAX = 1_000_000_000_000L;
    /** Without a parallelism, one subtask per this many numbers (bounded), a few hundred milliseconds of sieving. */
    static final long DEFAULT_CHUNK = 20_000_000L;

    @Override
    public String name() {
        return "primes";
    }

    @Override
    public List<FieldError> validate(Map<String, Object> input) {
        List<FieldError> errors = new ArrayList<>();
        Long from = Inputs.integer(input, "from", errors);
        Long to = Inputs.integer(input, "to", errors);
        if (from != null && from < 0) {
            errors.add(new FieldError("input.from", "must be at least 0"));
        }
        if (to != null && to > MAX) {
            errors.add(new FieldError("input.to", "must be at most 10^12"));
        }
        if (from != null && to != null && from >= to) {
            errors.add(new FieldError("input.to", "must be greater than from"));
        }
        Inputs.othersHashable(input, Set.of("from", "to"), errors);
        return errors;
    }

    @Override
    public List<Map<String, Object>> split(Map<String, Object> input, Integer parallelism, Splitter splitter) {
        Range range = new Range(((Number) input.get("from")).longValue(), ((Number) input.get("to")).longValue());
        int parts = parallelism != null ? parallelism : DefaultParallelism.of(range.size(), DEFAULT_CHUNK);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Range r : splitter.split(range, parts)) {
            out.add(Map.of("from", r.from(), "to", r.to()));
        }
        return out;
    }

    @Override
    public long workBound(Map<String, Object> subtaskInput) {
        return WorkCount.primes(Inputs.whole(subtaskInput, "from"), Inputs.whole(subtaskInput, "to"));
    }

    @Override
    public Map<String, Object> inputSchema() {
        return InputSchema.object(
                "Count the primes in [from, to).",
                List.of("from", "to"),
                InputSchema.integer("from", "the first number, included", 0, MAX - 1),
                InputSchema.integer("to", "the end of the range, excluded; greater than from", 1, MAX));
    }

    @Override
    public Reducer reducer() {
        return new PrimesReducer();
    }
}
