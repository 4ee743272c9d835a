package dev.dcp.scheduler.kind;

import dev.dcp.common.metering.Gas;
import dev.dcp.common.web.ProblemException.FieldError;
import dev.dcp.scheduler.reduce.Reducer;
import dev.dcp.scheduler.reduce.WasmReducer;
import dev.dcp.scheduler.split.Range;
import dev.dcp.scheduler.split.Splitter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code wasm}: a user's WebAssembly function {@code function(i64 start, i64 end) -> i64} called on chunks of
 * [from, to), the chunk values combined by {@code sum} (64-bit, wrapping like wasm's {@code i64.add}), {@code min}
 * or {@code max}. Subtask input {@code {module, function, from, to}}.
 *
 * <p>Here the module is only checked to be base64 of at most {@link #MAX_MODULE_CHARS} characters (more is a 413).
 * Everything else about it (that it parses, imports nothing, exports the function with that signature, fits the
 * memory cap, stays within {@code gasLimit}) the workers check as they run it, and a module that fails there fails
 * the same way on every worker: the replicas agree on the fault and the job fails with it. Subtask input
 * {@code {module, function, from, to, gasLimit}}, the default gas limit applied.
 */
public final class WasmJob implements JobKind {

    /** Every subtask carries the module: 700,000 base64 chars (≈ 512 KiB) keep a subtask message under 1 MB. */
    static final int MAX_MODULE_CHARS = 700_000;

    static final Set<String> COMBINE = Set.of("sum", "min", "max");
    /**
     * Every subtask carries the module, so a job's subtasks carry it at most this many bytes in all: a large
     * module gets fewer subtasks than asked for rather than filling the outbox and the topic with copies.
     */
    static final long MAX_MODULE_COPY_CHARS = 64L * 1024 * 1024;
    /** Without a parallelism, one subtask per this many indices (bounded). */
    static final long DEFAULT_CHUNK = 1_000_000L;

    @Override
    public String name() {
        return "wasm";
    }

    @Override
    public List<FieldError> validate(Map<String, Object> input) {
        List<FieldError> errors = new ArrayList<>();
        String module = Inputs.string(input, "module", errors);
        String function = Inputs.string(input, "function", errors);
        Long from = Inputs.integer(input, "from", errors);
        Long to = Inputs.integer(input, "to", errors);
        String combine = Inputs.string(input, "combine", errors);
        if (from != null && to != null && from >= to) {
            errors.add(new FieldError("input.to", "must be greater than from"));
        }
        if (combine != null && !COMBINE.contains(combine)) {
            errors.add(new FieldError("input.combine", "must be one of sum, min, max"));
        }
        if (function != null && function.isEmpty()) {
            errors.add(new FieldError("input.function", "must not be empty"));
        }
        if (input.get("gasLimit") != null) {
            Long gas = Inputs.integer(input, "gasLimit", errors);
            if (gas != null && (gas < 1 || gas > Gas.MAX_LIMIT)) {
                errors.add(new FieldError("input.gasLimit", "must be between 1 and " + Gas.MAX_LIMIT));
            }
        }
        if (module != null) {
            String problem = moduleProblem(module);
            if (problem != null) {
                errors.add(new FieldError("input.module", problem));
            }
        }
        Inputs.othersHashable(input, Set.of("module", "function", "from", "to", "combine", "gasLimit"), errors);
        return errors;
    }

    /**
     * What is wrong with the module text, or null. Only what the scheduler must know: that it is base64 of a size a
     * subtask message carries. Whether it parses, what it imports and what it exports, the workers find out and
     * answer as a fault that fails the job: a hostile module ends as a clear FAILED job either way, and a worker
     * that checks for itself is not at the mercy of a scheduler's check.
     */
    static String moduleProblem(String base64) {
        if (base64.length() > MAX_MODULE_CHARS) {
            throw new InputTooLarge(
                    "input.module is " + base64.length() + " base64 characters; at most " + MAX_MODULE_CHARS
                            + " are accepted",
                    new FieldError(
                            "input.module",
                            "must be at most " + MAX_MODULE_CHARS
                                    + " base64 characters (≈ 512 KiB; every subtask message carries it)"));
        }
        try {
            Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return "must be standard base64: " + e.getMessage();
        }
        return null;
    }

    @Override
    public List<Map<String, Object>> split(Map<String, Object> input, Integer parallelism, Splitter splitter) {
        long from = ((Number) input.get("from")).longValue();
        long to = ((Number) input.get("to")).longValue();
        // the splitters cut [0, n); shifting keeps negative starts possible
        Range range = new Range(0, to - from);
        int parts = parallelism != null ? parallelism : DefaultParallelism.of(range.size(), DEFAULT_CHUNK);
        long gasLimit =
                input.get("gasLimit") == null ? Gas.DEFAULT_LIMIT : ((Number) input.get("gasLimit")).longValue();
        int copies = (int) Math.max(1, MAX_MODULE_COPY_CHARS / ((String) input.get("module")).length());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Range r : splitter.split(range, Math.min(parts, copies))) {
            Map<String, Object> sub = new LinkedHashMap<>();
            sub.put("module", input.get("module"));
            sub.put("function", input.get("function"));
            sub.put("from", from + r.from());
            sub.put("to", from + r.to());
            sub.put("gasLimit", gasLimit);
            out.add(sub);
        }
        return out;
    }

    @Override
    public long workBound(Map<String, Object> subtaskInput) {
        return Inputs.whole(subtaskInput, "gasLimit");
    }

    @Override
    public Map<String, Object> inputSchema() {
        return InputSchema.object(
                "Call a WebAssembly function(i64 start, i64 end) -> i64 on chunks of [from, to) and combine the values.",
                List.of("module", "function", "from", "to", "combine"),
                InputSchema.string("module", "the binary module, standard base64", (long) MAX_MODULE_CHARS),
                InputSchema.string("function", "the exported function to call", null),
                InputSchema.integer("from", "the start of the range, included", null, null),
                InputSchema.integer("to", "the end of the range, excluded; greater than from", null, null),
                InputSchema.enumeration("combine", "how the chunks' values combine", List.of("sum", "min", "max")),
                InputSchema.integer(
                        "gasLimit",
                        "the most gas one subtask may burn (default " + Gas.DEFAULT_LIMIT + ")",
                        1L,
                        Gas.MAX_LIMIT));
    }

    @Override
    public Reducer reducer() {
        return new WasmReducer();
    }
}
