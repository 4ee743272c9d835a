package dev.dcp.scheduler.reduce;

import java.util.List;
import java.util.Map;

/** Trace and sum of C are sums over its rows, so the partials of the row blocks add up; {@code n} is the input's. */
public final class MatmulReducer implements Reducer {

    /** The outputs alone do not say n; refusing beats a result without it being hashed onto the ledger. */
    @Override
    public Map<String, Object> reduce(List<Map<String, Object>> outputs) {
        throw new UnsupportedOperationException(
                "matmul's result repeats n from the job input: use reduce(input, " + "outputs)");
    }

    @Override
    public Map<String, Object> reduce(Map<String, Object> input, List<Map<String, Object>> outputs) {
        long trace = 0;
        long sum = 0;
        for (Map<String, Object> o : outputs) {
            trace = Math.addExact(trace, ((Number) o.get("trace")).longValue());
            sum = Math.addExact(sum, ((Number) o.get("sum")).longValue());
        }
        return Map.of("n", ((Number) input.get("n")).longValue(), "trace", trace, "sum", sum);
    }
}
