package dev.dcp.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Parses rendered manifests with the fabric8 model, strictly.
 *
 * <p>fabric8 never fails on an unknown field: it parks it in the object's
 * {@code additionalProperties} (and, with its unmatched-field-type module, a value of the
 * wrong type too). So a typo such as {@code readinesProbe} would parse "fine" and the probe
 * would silently be missing. Here every object in the parsed graph of a built-in kind must
 * have empty additionalProperties, built-in API groups must resolve to a typed class, and
 * custom resources are accepted only for the operators dcp deploys with.
 */
final class StrictManifests {

    /** The custom resources dcp uses, as apiVersion/kind. Everything else must be a typed built-in. */
    static final Set<String> CUSTOM_KINDS = Set.of(
            "kafka.strimzi.io/v1beta2/Kafka",
            "kafka.strimzi.io/v1beta2/KafkaNodePool",
            "kafka.strimzi.io/v1beta2/KafkaTopic",
            "kafka.strimzi.io/v1beta2/KafkaUser",
            "postgresql.cnpg.io/v1/Cluster",
            "keda.sh/v1alpha1/ScaledObject",
            "keda.sh/v1alpha1/TriggerAuthentication");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private StrictManifests() {}

    /** Parses a multi-document YAML stream; throws {@link InvalidManifestException} listing every problem. */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<JsonNode> docs =
                YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
        int index = 0;
        for (JsonNode doc : docs) {
            index++;
            if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isObject() && doc.isEmpty())) {
                continue;
            }
            String apiVersion = doc.path("apiVersion").asString("");
            String kind = doc.path("kind").asString("");
            String name = doc.path("metadata").path("name").asString("");
            String where = "document " + index + " (" + apiVersion + " " + kind + " " + name + ")";
            if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty()) {
                problems.add(where + ": apiVersion, kind and metadata.name are required");
                continue;
            }
            Object parsed;
            try {
                parsed = SERIALIZATION.unmarshal(doc.toString());
            } catch (RuntimeException e) {
                problems.add(where + ": does not parse: " + e.getMessage());
                continue;
            }
            if (!(parsed instanceof HasMetadata resource)) {
                problems.add(where + ": not a Kubernetes object but "
                        + parsed.getClass().getName());
                continue;
            }
            if (resource instanceof GenericKubernetesResource generic) {
                if (!CUSTOM_KINDS.contains(apiVersion + "/" + kind)) {
                    problems.add(where
                            + ": unknown kind (not a built-in the model knows, and not one of the custom resources "
                            + CUSTOM_KINDS + ")");
                    continue;
                }
                // The body of a custom resource lives in additionalProperties by design; its metadata must still be
                // clean.
                unknownFields(generic.getMetadata(), "metadata", problems, where);
            } else {
                unknownFields(resource, "", problems, where);
            }
            out.add(resource);
        }
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(problems);
        }
        return out;
    }

    /** Walks the model's fields and reports every non-empty additionalProperties, with its path. */
    private static void unknownFields(Object root, String rootPath, List<String> problems, String where) {
        walk(root, rootPath, problems, where, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void walk(Object value, String path, List<String> problems, String where, Set<Object> seen) {
        if (value == null
                || value instanceof String
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Enum<?>
                || value instanceof Character
                || !seen.add(value)) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "[" + k + "]", problems, where, seen));
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", problems, where, seen);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                    continue;
                }
                field.setAccessible(true);
                Object child;
                try {
                    child = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (field.getName().equals("additionalProperties")) {
                    if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add(where + ": unknown or mistyped field(s) " + extra.keySet() + " at "
                                + (path.isEmpty() ? "<root>" : path));
                    }
                    continue;
                }
                walk(child, path.isEmpty() ? field.getName() : path + "." + field.getName(), problems, where, seen);
            }
        }
    }

    static final class InvalidManifestException extends RuntimeException {
        private final List<String> problems;

        InvalidManifestException(List<String> problems) {
            super("invalid manifests:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }
}
