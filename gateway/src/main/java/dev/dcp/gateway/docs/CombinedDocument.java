package dev.dcp.gateway.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the services' OpenAPI documents (JSON trees) into the gateway's one: their paths, components, tags and
 * security requirements. A component name that two services define differently is kept under each service's own
 * prefix ({@code ledger.Status}, {@code scheduler.Status}), every reference to it rewritten, so that neither silently
 * replaces the other; identical definitions (the problem document, the bearer scheme) are kept once. A service whose
 * document is missing is named in {@code info.description} and in {@code x-dcp-missing}.
 */
final class CombinedDocument {

    static final String MISSING = "x-dcp-missing";
    static final String TITLE = "dcp public API";
    private static final String DEFAULT_OPENAPI = "3.1.0";

    private CombinedDocument() {}

    static Map<String, Object> merge(List<ServiceDocument> documents) {
        List<ServiceDocument> present =
                documents.stream().filter(d -> d.document() != null).toList();
        List<String> missing = documents.stream()
                .filter(d -> d.document() == null)
                .map(ServiceDocument::service)
                .toList();
        Set<String> clashing = clashing(present);

        Map<String, Object> paths = new LinkedHashMap<>();
        Map<String, Map<String, Object>> components = new LinkedHashMap<>();
        Map<String, Object> tags = new LinkedHashMap<>();
        Set<Object> security = new LinkedHashSet<>();
        for (ServiceDocument d : present) {
            Map<String, Object> doc = prefixed(d, clashing);
            map(doc.get("paths")).forEach((path, item) -> {
                // the gateway's routes give each path to one service; were one in two documents, the first's
                // operations stay and the second adds only the methods the first lacks
                Map<String, Object> into = map(paths.computeIfAbsent(path, p -> new LinkedHashMap<String, Object>()));
                map(item).forEach(into::putIfAbsent);
            });
            map(doc.get("components")).forEach((section, named) -> {
                Map<String, Object> into = components.computeIfAbsent(section, s -> new LinkedHashMap<>());
                map(named).forEach(into::putIfAbsent);
            });
            for (Object tag : list(doc.get("tags"))) {
                tags.putIfAbsent(String.valueOf(map(tag).get("name")), tag);
            }
            security.addAll(list(doc.get("security")));
        }

        Map<String, Object> first =
                present.isEmpty() ? Map.of() : present.get(0).document();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("title", TITLE);
        info.put("version", map(first.get("info")).getOrDefault("version", "v1"));
        info.put("description", description(documents, missing));

        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("openapi", first.getOrDefault("openapi", DEFAULT_OPENAPI));
        merged.put("info", info);
        if (!security.isEmpty()) {
            merged.put("security", new ArrayList<>(security));
        }
        merged.put("tags", new ArrayList<>(tags.values()));
        merged.put("paths", paths);
        merged.put("components", components);
        if (!missing.isEmpty()) {
            merged.put(MISSING, missing);
        }
        return merged;
    }

    private static String description(List<ServiceDocument> documents, List<String> missing) {
        String all = String.join(
                ", ", documents.stream().map(ServiceDocument::service).toList());
        String text = "The platform's public REST API as the gateway serves it, collected from " + all + ".";
        if (!missing.isEmpty()) {
            text += " Missing now: " + String.join(", ", missing)
                    + " (its document could not be fetched; its paths are left out until it answers again).";
        }
        return text;
    }

    /**
     * The component references ({@code #/components/schemas/Status}) that must be prefixed: those two services
     * define differently, and then those whose definitions refer to one of them (an identical {@code Page} of two
     * different {@code Item}s is two different pages).
     */
    private static Set<String> clashing(List<ServiceDocument> present) {
        Map<String, Set<Object>> definitions = new HashMap<>();
        for (ServiceDocument d : present) {
            components(d)
                    .forEach((ref, definition) -> definitions
                            .computeIfAbsent(ref, r -> new HashSet<>())
                            .add(definition));
        }
        Set<String> clashing = new HashSet<>();
        definitions.forEach((ref, distinct) -> {
            if (distinct.size() > 1) {
                clashing.add(ref);
            }
        });
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ServiceDocument d : present) {
                for (Map.Entry<String, Object> c : components(d).entrySet()) {
                    if (!clashing.contains(c.getKey()) && refersToAny(c.getValue(), clashing)) {
                        grew |= clashing.add(c.getKey());
                    }
                }
            }
        }
        return clashing;
    }

    /** The service's components by the reference that names each. */
    private static Map<String, Object> components(ServiceDocument d) {
        Map<String, Object> byRef = new LinkedHashMap<>();
        map(d.document().get("components"))
                .forEach((section, named) ->
                        map(named).forEach((name, definition) -> byRef.put(ref(section, name), definition)));
        return byRef;
    }

    /** The document with its clashing components under the service's prefix, and every reference to them. */
    private static Map<String, Object> prefixed(ServiceDocument d, Set<String> clashing) {
        Map<String, String> refs = new HashMap<>();
        Map<String, Object> components = new LinkedHashMap<>();
        map(d.document().get("components")).forEach((section, named) -> {
            Map<String, Object> kept = new LinkedHashMap<>();
            map(named).forEach((name, definition) -> {
                String as = clashing.contains(ref(section, name)) ? d.service() + "." + name : name;
                if (!as.equals(name)) {
                    refs.put(ref(section, name), ref(section, as));
                }
                kept.put(as, definition);
            });
            components.put(section, kept);
        });
        Map<String, Object> doc = new LinkedHashMap<>(d.document());
        doc.put("components", components);
        return map(withRefs(doc, refs));
    }

    private static Object withRefs(Object node, Map<String, String> refs) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(
                    String.valueOf(k),
                    "$ref".equals(k) && v instanceof String s ? refs.getOrDefault(s, s) : withRefs(v, refs)));
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(withRefs(v, refs)));
            return out;
        }
        return node;
    }

    private static boolean refersToAny(Object node, Set<String> refs) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (("$ref".equals(e.getKey()) && refs.contains(e.getValue())) || refersToAny(e.getValue(), refs)) {
                    return true;
                }
            }
        } else if (node instanceof List<?> l) {
            for (Object v : l) {
                if (refersToAny(v, refs)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String ref(String section, String name) {
        return "#/components/" + section + "/" + name;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
