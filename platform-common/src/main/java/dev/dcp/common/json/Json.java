package dev.dcp.common.json;

import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper for messages between services: tolerant of unknown fields, so producers may add some. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private Json() {}

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static <T> T read(String json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    public static Map<String, Object> readMap(String json) {
        return MAPPER.readValue(json, MAP);
    }

    /** Plain maps, lists, strings, numbers and booleans: what {@link CanonicalJson} encodes. */
    public static Object toTree(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return MAPPER.convertValue(value, Object.class);
    }

    public static Map<String, Object> toMap(Object value) {
        return MAPPER.convertValue(value, MAP);
    }
}
