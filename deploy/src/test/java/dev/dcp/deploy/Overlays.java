package dev.dcp.deploy;

import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Renders the kustomize overlays (once each) and answers questions about the output. */
final class Overlays {

    /** The module directory: Maven runs tests with deploy/ as the working directory. */
    static final Path MODULE = Path.of("").toAbsolutePath();

    static final Path OVERLAYS = MODULE.resolve("overlays");

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    private Overlays() {}

    /** Every overlay directory, so a new overlay is tested without editing the tests. */
    static Stream<String> names() {
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            List<String> names = dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
            if (names.isEmpty()) {
                fail("no overlays under " + OVERLAYS);
            }
            return names.stream();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + OVERLAYS, e);
        }
    }

    static Rendered render(String overlay) {
        return CACHE.computeIfAbsent(overlay, Overlays::kustomize);
    }

    private static Rendered kustomize(String overlay) {
        Path kubectl = Commands.onPath("kubectl")
                .orElseThrow(
                        () -> new AssertionError(
                                "kubectl is not on PATH: the deploy module's tests render the overlays with `kubectl kustomize` "
                                        + "and cannot check anything without it. Install kubectl (v1.27+, it bundles kustomize)."));
        Commands.Result result = Commands.run(List.of(kubectl.toString(), "kustomize", "overlays/" + overlay), MODULE);
        if (result.exitCode() != 0) {
            fail("kubectl kustomize overlays/%s failed (exit %d):%n%s", overlay, result.exitCode(), result.stderr());
        }
        return new Rendered(overlay, StrictManifests.parse(result.stdout()));
    }

    /** A pod-owning workload: its kind/name and pod template. */
    record Workload(String kind, String name, PodTemplateSpec template) {
        Map<String, String> podLabels() {
            Map<String, String> labels = template.getMetadata() == null
                    ? null
                    : template.getMetadata().getLabels();
            return labels == null ? Map.of() : labels;
        }

        List<Container> containers() {
            return Stream.concat(
                            template.getSpec().getContainers().stream(),
                            template.getSpec().getInitContainers() == null
                                    ? Stream.empty()
                                    : template.getSpec().getInitContainers().stream())
                    .toList();
        }

        @Override
        public String toString() {
            return kind + "/" + name;
        }
    }

    record Rendered(String overlay, List<HasMetadata> objects) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type, String name) {
            return all(type).stream()
                    .filter(o -> o.getMetadata().getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no " + type.getSimpleName() + " named " + name));
        }

        List<GenericKubernetesResource> custom(String kind) {
            return all(GenericKubernetesResource.class).stream()
                    .filter(r -> r.getKind().equals(kind))
                    .toList();
        }

        GenericKubernetesResource oneCustom(String kind, String name) {
            return custom(kind).stream()
                    .filter(r -> r.getMetadata().getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " named " + name));
        }

        List<Workload> workloads() {
            return Stream.concat(
                            all(Deployment.class).stream()
                                    .map(d -> new Workload(
                                            "Deployment",
                                            d.getMetadata().getName(),
                                            d.getSpec().getTemplate())),
                            all(StatefulSet.class).stream()
                                    .map(s -> new Workload(
                                            "StatefulSet",
                                            s.getMetadata().getName(),
                                            s.getSpec().getTemplate())))
                    .toList();
        }

        Workload workload(String name) {
            return workloads().stream()
                    .filter(w -> w.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no workload named " + name));
        }

        List<Workload> selectedBy(Map<String, String> selector) {
            return workloads().stream()
                    .filter(w -> matches(selector, w.podLabels()))
                    .toList();
        }

        List<Workload> selectedBy(LabelSelector selector) {
            return workloads().stream()
                    .filter(w -> matches(selector, w.podLabels()))
                    .toList();
        }

        boolean isDev() {
            return overlay.equals("dev");
        }
    }

    /** A Service-style selector: non-empty and every pair present. */
    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null
                && !selector.isEmpty()
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** A full LabelSelector; an empty selector matches everything (as in NetworkPolicy podSelector: {}). */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null
                && !selector.getMatchLabels().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String value = labels.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> value != null && r.getValues().contains(value);
                    case "NotIn" -> value == null || !r.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new AssertionError("unknown selector operator " + r.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isEmpty(LabelSelector selector) {
        return selector != null
                && (selector.getMatchLabels() == null
                        || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null
                        || selector.getMatchExpressions().isEmpty());
    }
}
