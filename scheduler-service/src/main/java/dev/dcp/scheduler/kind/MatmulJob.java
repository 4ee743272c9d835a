package dev.dcp.scheduler.kind;

import dev.dcp.common.metering.WorkCount;
import dev.dcp.common.web.ProblemException.FieldError;
import dev.dcp.scheduler.reduce.MatmulReducer;
import dev.dcp.scheduler.reduce.Reducer;
import dev.dcp.scheduler.split.Range;
import dev.dcp.scheduler.split.Splitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code matmul}: trace and sum of C = A·B for the seeded n×n matrices of API.md, 1 <= n <= 4096. The rows of C are
 * split; subtask input {@code {n, seed, rowFrom, rowTo}}, output {@code {trace, sum}} over those rows.
 */
public final class MatmulJob implements JobKind {

    static final int MAX_N = 4096;
    /** Without a parallelism, about this many multiply-adds per subtask: a row of C costs n^2 of them. */
    static final long DEFAULT_MULTIPLY_ADDS = 1L << 28;

    @Override
    public String name() {
        return "matmul";
    }

    @Override
    public List<FieldError> validate(Map<String, Object> input) {
        List<FieldError> errors = new ArrayList<>();
        Long n = Inputs.integer(input, "n", errors);
        Inputs.integer(input, "seed", errors);
        if (n != null && (n < 1 || n > MAX_N)) {
            errors.add(new FieldError("input.n", "must be between 1 and " + MAX_N));
        }
        Inputs.othersHashable(input, Set.of("n", "seed"), errors);
        return errors;
    }

    @Override
    public List<Map<String, Object>> split(Map<String, Object> input, Integer parallelism, Splitter splitter) {
        long n = ((Number) input.get("n")).longValue();
        long seed = ((Number) input.get("seed")).longValue();
        int parts = parallelism != null
                ? parallelism
                : DefaultParallelism.of(n, Math.max(1, DEFAULT_MULTIPLY_ADDS / (n * n)));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Range r : splitter.split(new Range(0, n), parts)) {
            out.add(Map.of("n", n, "seed", seed, "rowFrom", r.from(), "rowTo", r.to()));
        }
        return out;
    }

    @Override
    public long workBound(Map<String, Object> subtaskInput) {
        return WorkCount.matmul(
                Inputs.whole(subtaskInput, "n"),
                Inputs.whole(subtaskInput, "rowFrom"),
                Inputs.whole(subtaskInput, "rowTo"));
    }

    @Override
    public Map<String, Object> inputSchema() {
        return InputSchema.object(
                "C = A·B over 64-bit integers, A[i][j] = (31i + 17j + seed) mod 97, B[i][j] = (13i + 7j + seed) mod 89.",
                List.of("n", "seed"),
                InputSchema.integer("n", "the matrices are n × n", 1L, (long) MAX_N),
                InputSchema.integer("seed", "shifts both matrices' entries", null, null));
    }

    @Override
    public Reducer reducer() {
        return new MatmulReducer();
    }
}
