package dev.dcp.scheduler.reduce;

import java.util.List;
import java.util.Map;

/** The prime count of a range is the sum of the counts of its chunks. */
public final class PrimesReducer implements Reducer {

    @Override
    public Map<String, Object> reduce(List<Map<String, Object>> outputs) {
        long count = 0;
        for (Map<String, Object> o : outputs) {
            count = Math.addExact(count, ((Number) o.get("count")).longValue());
        }
        return Map.of("count", count);
    }
}
