package dev.dcp.scheduler.reduce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hit of the first chunk that has one: chunks cover the nonces in increasing order and each reports its smallest
 * hit, so that is the smallest nonce of the job. {@code {nonce: null, hash: null}} when no chunk has one.
 */
public final class HashcashReducer implements Reducer {

    @Override
    public Map<String, Object> reduce(List<Map<String, Object>> outputs) {
        Map<String, Object> result = new LinkedHashMap<>(); // Map.of refuses the nulls of "not found"
        result.put("nonce", null);
        result.put("hash", null);
        for (Map<String, Object> o : outputs) {
            if (o.get("nonce") != null) {
                result.put("nonce", ((Number) o.get("nonce")).longValue());
                result.put("hash", o.get("hash"));
                break;
            }
        }
        return result;
    }
}
