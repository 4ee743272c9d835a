package dev.dcp.scheduler.kind;

import dev.dcp.common.metering.WorkCount;
import dev.dcp.common.web.ProblemException.FieldError;
import dev.dcp.scheduler.reduce.HashcashReducer;
import dev.dcp.scheduler.reduce.Reducer;
import dev.dcp.scheduler.split.Range;
import dev.dcp.scheduler.split.Splitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code hashcash}: the smallest nonce n in [from, to) such that SHA-256 of the UTF-8 of prefix + decimal n has at
 * least {@code difficulty} leading zero bits. The nonces are split; subtask input {@code {prefix, difficulty, from,
 * to}}, output {@code {nonce, hash}}, both null when its range has no such nonce.
 */
public final class HashcashJob implements JobKind {

    static final int MAX_PREFIX = 1024;
    static final int MAX_DIFFICULTY = 64;
    /** Without a parallelism, one subtask per this many nonces (bounded), a few hundred milliseconds of hashing. */
    static final long DEFAULT_CHUNK = 2_000_000L;

    @Override
    public String name() {
        return "hashcash";
    }

    @Override
    public List<FieldError> validate(Map<String, Object> input) {
        List<FieldError> errors = new ArrayList<>();
        String prefix = Inputs.string(input, "prefix", errors);
        Long difficulty = Inputs.integer(input, "difficulty", errors);
        Long from = Inputs.integer(input, "from", errors);
        Long to = Inputs.integer(input, "to", errors);
        if (prefix != null && prefix.length() > MAX_PREFIX) {
            errors.add(new FieldError("input.prefix", "must be at most " + MAX_PREFIX + " characters"));
        }
        if (difficulty != null && (difficulty < 1 || difficulty > MAX_DIFFICULTY)) {
            errors.add(new FieldError("input.difficulty", "must be between 1 and " + MAX_DIFFICULTY));
        }
        if (from != null && from < 0) {
            errors.add(new FieldError("input.from", "must be at least 0"));
        }
        if (from != null && to != null && from >= to) {
            errors.add(new FieldError("input.to", "must be greater than from"));
        }
        Inputs.othersHashable(input, Set.of("prefix", "difficulty", "from", "to"), errors);
        return errors;
    }

    @Override
    public List<Map<String, Object>> split(Map<String, Object> input, Integer parallelism, Splitter splitter) {
        String prefix = (String) input.get("prefix");
        long difficulty = ((Number) input.get("difficulty")).longValue();
        Range range = new Range(((Number) input.get("from")).longValue(), ((Number) input.get("to")).longValue());
        int parts = parallelism != null ? parallelism : DefaultParallelism.of(range.size(), DEFAULT_CHUNK);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Range r : splitter.split(range, parts)) {
            out.add(Map.of("prefix", prefix, "difficulty", difficulty, "from", r.from(), "to", r.to()));
        }
        return out;
    }

    @Override
    public long workBound(Map<String, Object> subtaskInput) {
        return WorkCount.hashcashBound(Inputs.whole(subtaskInput, "from"), Inputs.whole(subtaskInput, "to"));
    }

    @Override
    public boolean boundDependsOnAnswer() {
        return true;
    }

    /** Nonces up to and including the proof found; the whole range without one (or with a nonce outside it). */
    @Override
    public long workBound(Map<String, Object> subtaskInput, Map<String, Object> answer) {
        long from = Inputs.whole(subtaskInput, "from");
        long to = Inputs.whole(subtaskInput, "to");
        if (answer.get("nonce") instanceof Number n && n.longValue() >= from && n.longValue() < to) {
            return WorkCount.hashcash(from, to, n.longValue());
        }
        return WorkCount.hashcashBound(from, to);
    }

    @Override
    public Map<String, Object> inputSchema() {
        return InputSchema.object(
                "The smallest nonce n in [from, to) with SHA-256(prefix + n) starting with difficulty zero bits.",
                List.of("prefix", "difficulty", "from", "to"),
                InputSchema.string("prefix", "hashed before the decimal nonce", (long) MAX_PREFIX),
                InputSchema.integer("difficulty", "leading zero bits wanted", 1L, (long) MAX_DIFFICULTY),
                InputSchema.integer("from", "the first nonce, included", 0, null),
                InputSchema.integer("to", "the end of the nonces, excluded; greater than from", 1, null));
    }

    @Override
    public Reducer reducer() {
        return new HashcashReducer();
    }
}
