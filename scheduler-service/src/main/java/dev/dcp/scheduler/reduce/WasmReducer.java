package dev.dcp.scheduler.reduce;

import static dev.dcp.common.json.CanonicalJson.MAX_SAFE_INTEGER;

import java.util.List;
import java.util.Map;

/**
 * Combines the chunk values of a {@code wasm} job as its input's {@code combine} says; the sum wraps at 64 bits as
 * wasm's {@code i64.add} does, and a result beyond +-(2^53 - 1) is refused (JSON readers would change its digits).
 */
public final class WasmReducer implements Reducer {

    @Override
    public Map<String, Object> reduce(List<Map<String, Object>> outputs) {
        throw new UnsupportedOperationException("a wasm result depends on the input's combine");
    }

    @Override
    public Map<String, Object> reduce(Map<String, Object> input, List<Map<String, Object>> outputs) {
        String combine = (String) input.get("combine");
        long value = 0;
        for (int i = 0; i < outputs.size(); i++) {
            long v = ((Number) outputs.get(i).get("value")).longValue();
            value = i == 0
                    ? v
                    : switch (combine) {
                        case "sum" -> value + v; // wraps at 64 bits, as i64.add does
                        case "min" -> Math.min(value, v);
                        case "max" -> Math.max(value, v);
                        default -> throw new IllegalArgumentException("combine " + combine);
                    };
        }
        if (Math.abs(value) > MAX_SAFE_INTEGER || value == Long.MIN_VALUE) {
            throw new IllegalArgumentException(
                    "the combined value " + value + " is beyond +-(2^53-1), which a JSON result cannot carry exactly");
        }
        return Map.of("value", value);
    }
}
