package dev.dcp.scheduler.reduce;

import java.util.List;
import java.util.Map;

/** Samples and hits add up over the chunks; pi is about four times the share of samples inside the quarter circle. */
public final class MonteCarloPiReducer implements Reducer {

    @Override
    public Map<String, Object> reduce(List<Map<String, Object>> outputs) {
        long samples = 0;
        long inside = 0;
        for (Map<String, Object> o : outputs) {
            samples = Math.addExact(samples, ((Number) o.get("samples")).longValue());
            inside = Math.addExact(inside, ((Number) o.get("inside")).longValue());
        }
        if (samples == 0) {
            // a job has at least one sample, so this is a broken output, and NaN has no canonical JSON
            throw new IllegalArgumentException("no samples in " + outputs.size() + " outputs");
        }
        return Map.of("samples", samples, "inside", inside, "estimate", 4.0 * inside / samples);
    }
}
