package dev.dcp.scheduler.kind;

import dev.dcp.common.metering.WorkCount;
import dev.dcp.common.web.ProblemException.FieldError;
import dev.dcp.scheduler.reduce.MonteCarloPiReducer;
import dev.dcp.scheduler.reduce.Reducer;
import dev.dcp.scheduler.split.Range;
import dev.dcp.scheduler.split.Splitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code montecarlo-pi}: estimate pi from {@code samples} seeded random points, 1 <= samples <= 10^12. The sample
 * indices [0, samples) are split; subtask input {@code {seed, from, to}}, output {@code {samples, inside}}.
 */
public final class MonteCarloPiJob implements JobKind {

    static final long MAX_SAMPLES = 1_000_000_000_000L;
    /** Without a parallelism, one subtask per this many samples (bounded), a few hundred milliseconds of drawing. */
    static final long DEFAULT_CHUNK = 50_000_000L;

    @Override
    public String name() {
        return "montecarlo-pi";
    }

    @Override
    public List<FieldError> validate(Map<String, Object> input) {
        List<FieldError> errors = new ArrayList<>();
        Long samples = Inputs.integer(input, "samples", errors);
        Inputs.integer(input, "seed", errors);
        if (samples != null && (samples < 1 || samples > MAX_SAMPLES)) {
            errors.add(new FieldError("input.samples", "must be between 1 and 10^12"));
        }
        Inputs.othersHashable(input, Set.of("samples", "seed"), errors);
        return errors;
    }

    @Override
    public List<Map<String, Object>> split(Map<String, Object> input, Integer parallelism, Splitter splitter) {
        long seed = ((Number) input.get("seed")).longValue();
        Range range = new Range(0, ((Number) input.get("samples")).longValue());
        int parts = parallelism != null ? parallelism : DefaultParallelism.of(range.size(), DEFAULT_CHUNK);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Range r : splitter.split(range, parts)) {
            out.add(Map.of("seed", seed, "from", r.from(), "to", r.to()));
        }
        return out;
    }

    @Override
    public long workBound(Map<String, Object> subtaskInput) {
        return WorkCount.montecarloPi(Inputs.whole(subtaskInput, "from"), Inputs.whole(subtaskInput, "to"));
    }

    @Override
    public Map<String, Object> inputSchema() {
        return InputSchema.object(
                "Estimate pi from samples of the unit square, drawn by a seeded generator.",
                List.of("samples", "seed"),
                InputSchema.integer("samples", "how many points to draw", 1, MAX_SAMPLES),
                InputSchema.integer("seed", "the generator's seed: equal seeds draw equal points", null, null));
    }

    @Override
    public Reducer reducer() {
        return new MonteCarloPiReducer();
    }
}
