package dev.dcp.common.event;

import dev.dcp.common.json.Json;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A JSON object kept as its text: serialised by copying the text verbatim, read as a map only when asked.
 * The scheduler sends thousands of subtasks a second with inputs it holds as JSON; parsing each one to write it
 * again would cost more than the rest of the message.
 */
@JsonSerialize(using = InputJson.Verbatim.class)
final class InputJson extends AbstractMap<String, Object> {

    private final String json;
    private volatile Map<String, Object> parsed;

    InputJson(String json) {
        this.json = json;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> map = parsed;
        if (map == null) {
            // a benign race: two readers may both parse, to equal maps
            map = Collections.unmodifiableMap(Json.readMap(json));
            parsed = map;
        }
        return map.entrySet();
    }

    static final class Verbatim extends ValueSerializer<InputJson> {

        @Override
        public void serialize(InputJson value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeRawValue(value.json);
        }
    }
}
