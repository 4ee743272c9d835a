package dev.dcp.scheduler.kind;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
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
 * <p>The module is checked here, before anything is stored: it must decode and parse, import nothing (workers
 * offer no host functions), export the function with exactly that signature, and declare at most
 * {@link #MAX_INITIAL_PAGES} pages of initial memory. Workers bound its time and memory when they run it.
 */
public final class WasmJob implements JobKind {

    /** Every subtask carries the module: 700,000 base64 chars (≈ 512 KiB) keep a subtask message under 1 MB. */
    static final int MAX_MODULE_CHARS = 700_000;

    static final int MAX_INITIAL_PAGES = 256; // 16 MiB
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
        if (module != null) {
            String problem = moduleProblem(module, function);
            if (problem != null) {
                errors.add(new FieldError("input.module", problem));
            }
        }
        Inputs.othersHashable(input, Set.of("module", "function", "from", "to", "combine"), errors);
        return errors;
    }

    /** What is wrong with the module (and its export of {@code function}), or null. */
    static String moduleProblem(String base64, String function) {
        if (base64.length() > MAX_MODULE_CHARS) {
            return "must be at most " + MAX_MODULE_CHARS + " base64 characters (a subtask message carries it)";
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return "must be standard base64: " + e.getMessage();
        }
        WasmModule module;
        try {
            module = Parser.parse(bytes);
        } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return "is not a WebAssembly binary module: " + e.getMessage();
        }
        if (module.importSection().importCount() > 0) {
            return "must not import anything (workers provide no host functions)";
        }
        if (module.memorySection().isPresent()) {
            var memories = module.memorySection().get();
            for (int i = 0; i < memories.memoryCount(); i++) {
                if (memories.getMemory(i).limits().initialPages() > MAX_INITIAL_PAGES) {
                    return "must declare at most " + MAX_INITIAL_PAGES + " pages (16 MiB) of initial memory";
                }
            }
        }
        if (function == null || function.isEmpty()) {
            return null; // reported on the function field
        }
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            if (e.name().equals(function) && e.exportType() == ExternalType.FUNCTION) {
                FunctionType type = module.functionSection().getFunctionType(e.index(), module.typeSection());
                if (!type.params().equals(List.of(ValType.I64, ValType.I64))
                        || !type.returns().equals(List.of(ValType.I64))) {
                    return "exports " + function + " with signature " + type.params() + " -> " + type.returns()
                            + ", not (i64, i64) -> i64";
                }
                return null;
            }
        }
        return "exports no function named " + function;
    }

    @Override
    public List<Map<String, Object>> split(Map<String, Object> input, Integer parallelism, Splitter splitter) {
        long from = ((Number) input.get("from")).longValue();
        long to = ((Number) input.get("to")).longValue();
        // the splitters cut [0, n); shifting keeps negative starts possible
        Range range = new Range(0, to - from);
        int parts = parallelism != null ? parallelism : DefaultParallelism.of(range.size(), DEFAULT_CHUNK);
        int copies = (int) Math.max(1, MAX_MODULE_COPY_CHARS / ((String) input.get("module")).length());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Range r : splitter.split(range, Math.min(parts, copies))) {
            Map<String, Object> sub = new LinkedHashMap<>();
            sub.put("module", input.get("module"));
            sub.put("function", input.get("function"));
            sub.put("from", from + r.from());
            sub.put("to", from + r.to());
            out.add(sub);
        }
        return out;
    }

    @Override
    public Reducer reducer() {
        return new WasmReducer();
    }
}
