package dev.dcp.cli.job;

import dev.dcp.common.json.Json;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job spec {@code POST /api/v1/jobs} takes, built from a spec file and the command's options: an option given
 * replaces the file's field. Plain data in, a map out, so that what is sent can be checked without a server.
 */
final class JobSpec {

    private JobSpec() {}

    static Map<String, Object> build(
            Map<String, Object> file, String kind, Map<String, Object> input, Map<String, Object> options) {
        Map<String, Object> spec = new LinkedHashMap<>(file);
        if (kind != null) {
            spec.put("kind", kind);
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        if (spec.get("input") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> merged.put(String.valueOf(k), v));
        }
        merged.putAll(input);
        spec.put("input", merged);
        options.forEach((name, value) -> {
            if (value != null) {
                spec.put(name, value);
            }
        });
        return spec;
    }

    /**
     * A {@code --input name=value}: the value as JSON when it is JSON (a number, true, an array...), as a string
     * otherwise, so that {@code --input text=hello} needs no quotes and {@code --input n=64} is a number.
     */
    static Map.Entry<String, Object> input(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected NAME=VALUE, got '" + assignment + "'");
        }
        String name = assignment.substring(0, eq);
        String value = assignment.substring(eq + 1);
        return Map.entry(name, parse(value));
    }

    private static Object parse(String value) {
        if (value.matches("-?\\d+")) {
            BigInteger n = new BigInteger(value);
            return n.bitLength() < 64 ? (Object) n.longValue() : n;
        }
        if (value.startsWith("{")
                || value.startsWith("[")
                || value.equals("true")
                || value.equals("false")
                || value.equals("null")
                || value.matches("-?\\d+\\.\\d+([eE][-+]?\\d+)?")) {
            try {
                return Json.read(value, Object.class);
            } catch (RuntimeException notJson) {
                return value;
            }
        }
        return value;
    }
}
