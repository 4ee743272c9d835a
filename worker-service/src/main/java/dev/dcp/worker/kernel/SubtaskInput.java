package dev.dcp.worker.kernel;

import java.math.BigInteger;
import java.util.Map;

/**
 * Reads the fields of a JSON-decoded subtask input. A missing or mistyped field becomes an
 * {@link IllegalArgumentException} naming the field, rather than a bare NullPointerException or ClassCastException
 * in the worker's error report.
 */
public final class SubtaskInput {

    private SubtaskInput() {}

    /**
     * An integer field that fits in a long. The decoder hands us Integer, Long or BigInteger depending on magnitude;
     * a BigInteger beyond a long is refused because {@code longValue()} would silently wrap it.
     */
    public static long integer(Map<String, Object> input, String name) {
        Object value = input.get(name);
        if (value == null) {
            throw new IllegalArgumentException("input needs an integer field \"" + name + "\"");
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            if (big.bitLength() > 63) {
                throw new IllegalArgumentException("\"" + name + "\" = " + value + " does not fit in 64 bits");
            }
            return big.longValue();
        }
        throw new IllegalArgumentException("\"" + name + "\" must be an integer, got " + value);
    }

    public static String text(Map<String, Object> input, String name) {
        Object value = input.get(name);
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("input needs a string field \"" + name + "\", got " + value);
        }
        return s;
    }

    /** Checks 0 <= from < to, the shape of every range-splitting subtask. */
    public static void requireRange(long from, long to) {
        if (from < 0 || from >= to) {
            throw new IllegalArgumentException("need 0 <= from < to, got [" + from + ", " + to + ")");
        }
    }
}
