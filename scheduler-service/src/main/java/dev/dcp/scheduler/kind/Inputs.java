package dev.dcp.scheduler.kind;

import static dev.dcp.common.json.CanonicalJson.MAX_SAFE_INTEGER;

import dev.dcp.common.web.ProblemException.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reading typed fields out of a job's JSON input, collecting what is wrong instead of failing on the first.
 *
 * <p>The whole job spec is hashed as RFC 8785 canonical JSON, which has no integer beyond ±(2^53−1), no NaN or
 * infinity and no lone surrogate; whatever it would refuse must be refused here as a 400, not later as a 500.
 */
final class Inputs {

    static final String OUT_OF_SAFE_RANGE = "must be between -" + MAX_SAFE_INTEGER + " and " + MAX_SAFE_INTEGER;
    static final String LONE_SURROGATE = "must not contain a lone surrogate";
    static final String NOT_FINITE = "must be a finite number";

    private static final BigDecimal MAX_SAFE = BigDecimal.valueOf(MAX_SAFE_INTEGER);

    private Inputs() {}

    /**
     * A required integer within ±(2^53−1). A number with a zero fraction such as {@code 5.0} counts: canonical JSON
     * writes it as {@code 5}, so it hashes the same as the integer.
     */
    static Long integer(Map<String, Object> input, String field, List<FieldError> errors) {
        Object v = input.get(field);
        if (v == null) {
            errors.add(new FieldError("input." + field, "is required"));
            return null;
        }
        BigDecimal exact = exactValue(v);
        if (exact == null || (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0)) {
            errors.add(new FieldError("input." + field, "must be an integer"));
            return null;
        }
        if (exact.abs().compareTo(MAX_SAFE) > 0) {
            errors.add(new FieldError("input." + field, OUT_OF_SAFE_RANGE));
            return null;
        }
        return exact.longValueExact();
    }

    /** An integer field of an input this kind built or validated already. */
    static long whole(Map<String, Object> input, String field) {
        Object v = input.get(field);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("subtask input without an integer \"" + field + "\"");
        }
        return n.longValue();
    }

    /** The exact value of a JSON number as the decoder hands it over, or null if it is none (or not finite). */
    private static BigDecimal exactValue(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if ((v instanceof Double || v instanceof Float) && Double.isFinite(((Number) v).doubleValue())) {
            return new BigDecimal(((Number) v).doubleValue());
        }
        return null;
    }

    /** A required string of well-formed UTF-16 (no lone surrogate). */
    static String string(Map<String, Object> input, String field, List<FieldError> errors) {
        Object v = input.get(field);
        if (v == null) {
            errors.add(new FieldError("input." + field, "is required"));
            return null;
        }
        if (!(v instanceof String s)) {
            errors.add(new FieldError("input." + field, "must be a string"));
            return null;
        }
        if (!wellFormed(s)) {
            errors.add(new FieldError("input." + field, LONE_SURROGATE));
            return null;
        }
        return s;
    }

    /**
     * The fields a kind does not read are tolerated, but they are hashed with the rest: checks that each could be
     * written as canonical JSON, reporting at most one problem per field.
     */
    static void othersHashable(Map<String, Object> input, Set<String> known, List<FieldError> errors) {
        for (Map.Entry<String, Object> e : input.entrySet()) {
            if (!known.contains(e.getKey())) {
                FieldError problem = unhashable("input", e.getKey(), e.getValue());
                if (problem != null) {
                    errors.add(problem);
                }
            }
        }
    }

    /** The first thing canonical JSON would refuse in field {@code key} of the object at {@code parent}, or null. */
    private static FieldError unhashable(String parent, String key, Object value) {
        if (!wellFormed(key)) {
            return new FieldError(parent, "field names " + LONE_SURROGATE);
        }
        return unhashable(parent + "." + key, value);
    }

    private static FieldError unhashable(String path, Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                FieldError problem = unhashable(path, String.valueOf(e.getKey()), e.getValue());
                if (problem != null) {
                    return problem;
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                FieldError problem = unhashable(path + "[" + i + "]", list.get(i));
                if (problem != null) {
                    return problem;
                }
            }
        } else if (value instanceof String s && !wellFormed(s)) {
            return new FieldError(path, LONE_SURROGATE);
        } else if (value instanceof Long || value instanceof BigInteger) {
            if (exactValue(value).abs().compareTo(MAX_SAFE) > 0) {
                return new FieldError(path, OUT_OF_SAFE_RANGE);
            }
        } else if (value instanceof Number n && !Double.isFinite(n.doubleValue())) {
            return new FieldError(path, NOT_FINITE);
        }
        return null;
    }

    /** No lone surrogate: every high surrogate is followed by a low one and every low one preceded by a high one. */
    static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
