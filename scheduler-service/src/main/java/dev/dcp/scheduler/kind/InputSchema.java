package dev.dcp.scheduler.kind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small builders for the JSON Schema (draft 2020-12) of a kind's input, so each kind states its schema in a few
 * readable lines. Unknown fields are tolerated (the schema does not close the object), as the validation does.
 */
final class InputSchema {

    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private InputSchema() {}

    /** A property: its name and its schema. */
    record Property(String name, Map<String, Object> schema) {}

    static Map<String, Object> object(String description, List<String> required, Property... properties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", DIALECT);
        schema.put("type", "object");
        schema.put("description", description);
        Map<String, Object> props = new LinkedHashMap<>();
        for (Property p : properties) {
            props.put(p.name(), p.schema());
        }
        schema.put("properties", props);
        schema.put("required", List.copyOf(required));
        return schema;
    }

    static Property integer(String name, String description, Number minimum, Number maximum) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "integer");
        schema.put("description", description);
        // integers beyond 2^53-1 are refused: JSON does not carry them exactly
        schema.put("minimum", minimum == null ? -9_007_199_254_740_991L : minimum);
        schema.put("maximum", maximum == null ? 9_007_199_254_740_991L : maximum);
        return new Property(name, schema);
    }

    static Property string(String name, String description, Long maxLength) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "string");
        schema.put("description", description);
        if (maxLength != null) {
            schema.put("maxLength", maxLength);
        }
        return new Property(name, schema);
    }

    static Property enumeration(String name, String description, List<String> values) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "string");
        schema.put("description", description);
        schema.put("enum", List.copyOf(values));
        return new Property(name, schema);
    }
}
