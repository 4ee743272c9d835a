package dev.dcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.deploy.Overlays.Rendered;
import dev.dcp.deploy.Overlays.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every overlay with {@code kubectl kustomize} and checks that the output is a
 * working whole: strict parse, selectors, ports, probes, resources, references, network
 * policies and labels. Each test runs once per overlay directory.
 */
class KustomizeOverlaysTest {

    static final String NAME = "app.kubernetes.io/name";
    static final String PART_OF = "app.kubernetes.io/part-of";

    /**
     * ConfigMaps and Secrets that pods reference but the overlay does not render, because
     * someone else creates them: CloudNativePG creates dcp-postgres-app; the operator (a
     * person, following deploy/README.md) creates dcp-provider after making a provider
     * tenant, and in prod every key and secret.
     */
    static final Map<String, Set<String>> CREATED_OUTSIDE_THE_OVERLAY = Map.of(
            "dev", Set.of("dcp-postgres-app", "dcp-provider"),
            "prod",
                    Set.of(
                            "dcp-postgres-app",
                            "dcp-provider",
                            "dcp-internal",
                            "dcp-admin",
                            "dcp-signing-keys",
                            "dcp-storage-key",
                            "dcp-ledger-keys",
                            "dcp-ledger-validator-set"));

    /** The Secret Strimzi's cluster operator keeps the cluster CA's certificate in ({@code ca.crt}). */
    static final String STRIMZI_CLUSTER_CA = "dcp-kafka-cluster-ca-cert";

    static Stream<String> overlays() {
        return Overlays.names();
    }

    @Test
    void everyOverlayDirectoryHasADeclaredListOfExternallyCreatedObjects() {
        assertThat(CREATED_OUTSIDE_THE_OVERLAY.keySet())
                .as("add the new overlay to CREATED_OUTSIDE_THE_OVERLAY")
                .containsExactlyInAnyOrderElementsOf(overlays().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyDocumentParsesStrictlyIntoAKnownKind(String overlay) {
        Rendered r = Overlays.render(overlay); // throws listing every unknown field or kind
        assertThat(r.objects()).isNotEmpty();
        assertThat(r.objects())
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace())
                        .as("%s %s namespace", o.getKind(), o.getMetadata().getName())
                        .isEqualTo(o.getKind().equals("Namespace") ? null : namespaceOf(r)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyObjectAndPodCarriesTheNameAndPartOfLabels(String overlay) {
        Rendered r = Overlays.render(overlay);
        for (HasMetadata o : r.objects()) {
            assertThat(o.getMetadata().getLabels())
                    .as("labels of %s %s", o.getKind(), o.getMetadata().getName())
                    .containsKey(NAME)
                    .containsEntry(PART_OF, "dcp");
        }
        for (Workload w : r.workloads()) {
            assertThat(w.podLabels())
                    .as("pod labels of %s", w)
                    .containsKey(NAME)
                    .containsEntry(PART_OF, "dcp");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServiceSelectsAWorkload(String overlay) {
        Rendered r = Overlays.render(overlay);
        assertThat(r.all(Service.class)).isNotEmpty();
        for (Service s : r.all(Service.class)) {
            assertThat(r.selectedBy(s.getSpec().getSelector()))
                    .as(
                            "workloads selected by Service %s (selector %s)",
                            s.getMetadata().getName(), s.getSpec().getSelector())
                    .isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServiceTargetPortIsAContainerPortOfTheSelectedPods(String overlay) {
        Rendered r = Overlays.render(overlay);
        for (Service s : r.all(Service.class)) {
            for (ServicePort port : s.getSpec().getPorts()) {
                IntOrString target =
                        port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
                for (Workload w : r.selectedBy(s.getSpec().getSelector())) {
                    assertThat(w.containers().stream().anyMatch(c -> declares(c, target)))
                            .as(
                                    "Service %s port %s targets %s, which %s does not declare",
                                    s.getMetadata().getName(), port.getName(), target.getValue(), w)
                            .isTrue();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyContainerProbesTheActuatorHealthGroupsOnADeclaredPort(String overlay) {
        Rendered r = Overlays.render(overlay);
        for (Workload w : r.workloads()) {
            for (Container c : w.template().getSpec().getContainers()) {
                String where = w + " container " + c.getName();
                assertProbe(where + " liveness", c, c.getLivenessProbe(), "/actuator/health/liveness");
                assertProbe(where + " readiness", c, c.getReadinessProbe(), "/actuator/health/readiness");
                if (c.getStartupProbe() != null) {
                    assertProbe(where + " startup", c, c.getStartupProbe(), "/actuator/health/liveness");
                }
            }
        }
    }

    private static void assertProbe(String where, Container c, Probe probe, String path) {
        assertThat(probe).as(where + " probe").isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as(where + " httpGet").isNotNull();
        assertThat(get.getPath()).as(where + " path").isEqualTo(path);
        assertThat(declares(c, get.getPort()))
                .as(
                        where + " port %s is a declared container port",
                        get.getPort().getValue())
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyContainerHasCpuAndMemoryRequestsAndLimits(String overlay) {
        Rendered r = Overlays.render(overlay);
        for (Workload w : r.workloads()) {
            for (Container c : w.containers()) {
                ResourceRequirements res = c.getResources();
                String where = w + " container " + c.getName();
                assertThat(res).as(where + " resources").isNotNull();
                assertThat(res.getRequests()).as(where + " requests").containsKeys("cpu", "memory");
                assertThat(res.getLimits()).as(where + " limits").containsKeys("cpu", "memory");
                assertThat(Quantity.getAmountInBytes(res.getRequests().get("memory")))
                        .as(where + " memory request <= limit")
                        .isLessThanOrEqualTo(
                                Quantity.getAmountInBytes(res.getLimits().get("memory")));
                assertThat(Quantity.getAmountInBytes(res.getRequests().get("cpu")))
                        .as(where + " cpu request <= limit")
                        .isLessThanOrEqualTo(
                                Quantity.getAmountInBytes(res.getLimits().get("cpu")));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyReferencedConfigMapAndSecretIsRenderedOrCreatedByTheOperator(String overlay) {
        Rendered r = Overlays.render(overlay);
        Set<String> external = CREATED_OUTSIDE_THE_OVERLAY.get(overlay);
        Set<String> referencedExternal = new LinkedHashSet<>();
        // Strimzi creates these: the cluster CA's certificate, and a Secret per KafkaUser (its password)
        Set<String> byStrimzi = new LinkedHashSet<>(List.of(STRIMZI_CLUSTER_CA));
        r.custom("KafkaUser").forEach(u -> byStrimzi.add(u.getMetadata().getName()));
        for (Workload w : r.workloads()) {
            for (Reference ref : references(w)) {
                if (byStrimzi.contains(ref.name())) {
                    assertThat(ref.key())
                            .as("%s: Strimzi's Secret %s", w, ref.name())
                            .isIn(null, "password", "ca.crt");
                    continue;
                }
                if (external.contains(ref.name())) {
                    referencedExternal.add(ref.name());
                    continue;
                }
                Map<String, String> data = ref.secret() ? secretData(r, ref.name()) : configMapData(r, ref.name());
                assertThat(data)
                        .as(
                                "%s references %s %s, which is neither rendered nor listed as created outside",
                                w, ref.secret() ? "Secret" : "ConfigMap", ref.name())
                        .isNotNull();
                if (ref.key() != null) {
                    assertThat(data)
                            .as("%s: %s %s has key %s", w, ref.secret() ? "Secret" : "ConfigMap", ref.name(), ref.key())
                            .containsKey(ref.key());
                }
            }
        }
        assertThat(referencedExternal)
                .as("the externally created list has no stale entries")
                .isEqualTo(external);
    }

    @Test
    void everyObjectTheProdOperatorCreatesIsDocumentedInTheReadme() throws IOException {
        String readme = Files.readString(Overlays.MODULE.resolve("README.md"));
        assertThat(CREATED_OUTSIDE_THE_OVERLAY.get("prod"))
                .allSatisfy(name -> assertThat(readme).contains(name));
    }

    @Test
    void theProdOverlayContainsNoSecretsAndNoKeys() {
        Rendered r = Overlays.render("prod");
        assertThat(r.all(Secret.class)).as("Secrets in prod output").isEmpty();
        String yaml = r.objects().toString();
        assertThat(Pattern.compile("\\b[0-9a-f]{64}\\b").matcher(yaml).find())
                .as("hex keys in prod output")
                .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyDependentEnvReferenceIsDefinedEarlierInTheSameContainer(String overlay) {
        Pattern ref = Pattern.compile("(?<!\\$)\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
        Rendered r = Overlays.render(overlay);
        for (Workload w : r.workloads()) {
            for (Container c : w.containers()) {
                Set<String> defined = new LinkedHashSet<>();
                for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                    if (e.getValue() != null) {
                        Matcher m = ref.matcher(e.getValue());
                        while (m.find()) {
                            assertThat(defined)
                                    .as("%s env %s uses $(%s)", w, e.getName(), m.group(1))
                                    .contains(m.group(1));
                        }
                    }
                    defined.add(e.getName());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyDatabaseUrlUsesTheSchemaFlywayMigrates(String overlay) {
        Rendered r = Overlays.render(overlay);
        Pattern url = Pattern.compile(
                "jdbc:postgresql://dcp-postgres-rw:5432/app\\?currentSchema=([^&]+)&reWriteBatchedInserts=true");
        Map<String, String> expectedSchema =
                Map.of("ledger", "ledger_$(DCP_LEDGER_INDEX)", "contract", "contract", "scheduler", "scheduler");
        expectedSchema.forEach((name, schema) -> {
            Map<String, String> env =
                    env(r.workload(name).template().getSpec().getContainers().get(0));
            String urlVar = env.keySet().stream()
                    .filter(k -> k.endsWith("_DB_URL"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(name + " has no *_DB_URL"));
            Matcher m = url.matcher(env.get(urlVar));
            assertThat(m.matches())
                    .as("%s %s = %s", name, urlVar, env.get(urlVar))
                    .isTrue();
            assertThat(m.group(1)).isEqualTo(schema);
            assertThat(env)
                    .containsEntry("SPRING_FLYWAY_SCHEMAS", schema)
                    .containsEntry("SPRING_FLYWAY_DEFAULTSCHEMA", schema);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theLedgerDerivesEachValidatorsIdentityFromItsPodIndex(String overlay) {
        Rendered r = Overlays.render(overlay);
        StatefulSet ledger = r.one(StatefulSet.class, "ledger");
        Container c = ledger.getSpec().getTemplate().getSpec().getContainers().get(0);
        EnvVar first = c.getEnv().get(0);
        assertThat(first.getName()).isEqualTo("DCP_LEDGER_INDEX");
        assertThat(first.getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.labels['apps.kubernetes.io/pod-index']");
        Map<String, String> env = env(c);
        assertThat(env)
                .containsEntry("DCP_LEDGER_CONSENSUS", "bft")
                .containsEntry("DCP_LEDGER_VALIDATOR_ID", "validator-$(DCP_LEDGER_INDEX)")
                .containsEntry("DCP_LEDGER_KEY_FILE", "/etc/dcp/validators/validator-$(DCP_LEDGER_INDEX).key");

        Service headless = r.one(Service.class, ledger.getSpec().getServiceName());
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(r.one(Service.class, "ledger").getSpec().getClusterIP()).isNull();

        int replicas = ledger.getSpec().getReplicas();
        assertThat(replicas).isEqualTo(r.isDev() ? 1 : 4);
        // When the overlay renders the validator set and keys (dev), they must cover every replica.
        r.all(ConfigMap.class).stream()
                .filter(cm -> cm.getMetadata().getName().startsWith("dcp-ledger-validator-set"))
                .forEach(cm -> {
                    for (int i = 0; i < replicas; i++) {
                        assertThat(cm.getData())
                                .containsEntry("DCP_LEDGER_VALIDATORS_" + i + "_ID", "validator-" + i)
                                .containsKeys(
                                        "DCP_LEDGER_VALIDATORS_" + i + "_PUBLICKEY",
                                        "DCP_LEDGER_VALIDATORS_" + i + "_STAKE",
                                        "DCP_LEDGER_VALIDATORS_" + i + "_LOCKDAYS");
                    }
                    assertThat(cm.getData())
                            .doesNotContainKey("DCP_LEDGER_VALIDATORS_" + replicas + "_ID")
                            .containsKey("DCP_LEDGER_TRUSTED_SENDERS");
                });
        r.all(Secret.class).stream()
                .filter(s -> s.getMetadata().getName().startsWith("dcp-ledger-keys"))
                .forEach(s -> {
                    for (int i = 0; i < replicas; i++) {
                        assertThat(s.getData()).containsKey("validator-" + i + ".key");
                    }
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyPodDisruptionBudgetSelectsAWorkloadAndLeavesTheBftQuorum(String overlay) {
        Rendered r = Overlays.render(overlay);
        for (PodDisruptionBudget pdb : r.all(PodDisruptionBudget.class)) {
            assertThat(pdb.getSpec().getSelector()).isNotNull();
            assertThat(Overlays.isEmpty(pdb.getSpec().getSelector())).isFalse();
            assertThat(r.selectedBy(pdb.getSpec().getSelector()))
                    .as("workloads of PDB %s", pdb.getMetadata().getName())
                    .isNotEmpty();
        }
        if (!r.isDev()) {
            assertThat(r.one(PodDisruptionBudget.class, "ledger")
                            .getSpec()
                            .getMinAvailable()
                            .getIntVal())
                    .isEqualTo(3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void onlyTheGatewayAcceptsTrafficFromOutsideTheNamespace(String overlay) {
        Rendered r = Overlays.render(overlay);
        List<NetworkPolicy> policies = r.all(NetworkPolicy.class);
        assertThat(policies).as("a default-deny policy for every pod").anySatisfy(p -> {
            assertThat(Overlays.isEmpty(p.getSpec().getPodSelector())).isTrue();
            assertThat(p.getSpec().getPolicyTypes()).contains("Ingress");
            assertThat(p.getSpec().getIngress()).isNullOrEmpty();
        });
        for (NetworkPolicy p : policies) {
            for (NetworkPolicyIngressRule rule : p.getSpec().getIngress() == null
                    ? List.<NetworkPolicyIngressRule>of()
                    : p.getSpec().getIngress()) {
                boolean fromAnywhere = rule.getFrom() == null || rule.getFrom().isEmpty();
                for (NetworkPolicyPeer peer : fromAnywhere ? List.of(new NetworkPolicyPeer()) : rule.getFrom()) {
                    boolean outside = fromAnywhere || peer.getNamespaceSelector() != null || peer.getIpBlock() != null;
                    if (!outside) {
                        continue;
                    }
                    if (isCnpgOperatorToStatusPort(p, peer, rule)) {
                        continue; // the one operator exception, see network-policies.yaml
                    }
                    assertThat(p.getSpec().getPodSelector().getMatchLabels())
                            .as(
                                    "NetworkPolicy %s admits traffic from outside the namespace",
                                    p.getMetadata().getName())
                            .isEqualTo(Map.of(NAME, "gateway"));
                }
            }
        }
        // The gateway really is reachable from outside, and nothing else is.
        assertThat(admitsFromOutside(r, "gateway")).isTrue();
        for (Workload w : r.workloads()) {
            if (!w.name().equals("gateway")) {
                assertThat(admitsFromOutside(r, w.name()))
                        .as("%s reachable from outside the namespace", w)
                        .isFalse();
            }
        }
    }

    private static boolean isCnpgOperatorToStatusPort(
            NetworkPolicy p, NetworkPolicyPeer peer, NetworkPolicyIngressRule rule) {
        return Map.of("cnpg.io/cluster", "dcp-postgres")
                        .equals(p.getSpec().getPodSelector().getMatchLabels())
                && peer.getIpBlock() == null
                && peer.getNamespaceSelector() != null
                && Map.of("kubernetes.io/metadata.name", "cnpg-system")
                        .equals(peer.getNamespaceSelector().getMatchLabels())
                && peer.getPodSelector() != null
                && !Overlays.isEmpty(peer.getPodSelector())
                && rule.getPorts() != null
                && rule.getPorts().size() == 1
                && Objects.equals(rule.getPorts().get(0).getPort(), new IntOrString(8000));
    }

    private static boolean admitsFromOutside(Rendered r, String workload) {
        Map<String, String> labels = r.workload(workload).podLabels();
        return r.all(NetworkPolicy.class).stream()
                .filter(p -> Overlays.matches(p.getSpec().getPodSelector(), labels))
                .flatMap(p -> p.getSpec().getIngress() == null ? Stream.empty() : p.getSpec().getIngress().stream())
                .anyMatch(rule -> rule.getFrom() == null
                        || rule.getFrom().isEmpty()
                        || rule.getFrom().stream()
                                .anyMatch(peer -> peer.getNamespaceSelector() != null || peer.getIpBlock() != null));
    }

    /** The calls dcp makes inside the namespace: from workload, to workload, port name. */
    static final List<String[]> CALLS = List.of(
            new String[] {"gateway", "ledger", "http"},
            new String[] {"gateway", "contract", "http"},
            new String[] {"gateway", "scheduler", "http"},
            new String[] {"contract", "ledger", "http"},
            new String[] {"scheduler", "contract", "http"},
            new String[] {"ledger", "ledger", "http"},
            new String[] {"worker", "gateway", "http"});

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyCallBetweenServicesIsAllowedByTheNetworkPolicies(String overlay) {
        Rendered r = Overlays.render(overlay);
        for (String[] call : CALLS) {
            assertThat(allowed(r, r.workload(call[0]).podLabels(), r.workload(call[1]), call[2]))
                    .as("%s -> %s:%s", call[0], call[1], call[2])
                    .isTrue();
        }
        Map<String, String> postgresPod = Map.of("cnpg.io/cluster", "dcp-postgres");
        for (String client : List.of("ledger", "contract", "scheduler")) {
            assertThat(allowedToPort(r, r.workload(client).podLabels(), postgresPod, 5432))
                    .as("%s -> postgres:5432", client)
                    .isTrue();
        }
        assertThat(allowedToPort(r, r.workload("worker").podLabels(), postgresPod, 5432))
                .as("worker has no database and no business on it")
                .isFalse();
    }

    private static boolean allowed(Rendered r, Map<String, String> from, Workload to, String portName) {
        int number = to.template().getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts().stream())
                .filter(p -> portName.equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError(to + " has no port " + portName));
        return r.all(NetworkPolicy.class).stream()
                .filter(p -> Overlays.matches(p.getSpec().getPodSelector(), to.podLabels()))
                .flatMap(p -> p.getSpec().getIngress() == null ? Stream.empty() : p.getSpec().getIngress().stream())
                .anyMatch(rule -> fromMatches(rule, from) && portMatches(rule, portName, number));
    }

    private static boolean allowedToPort(Rendered r, Map<String, String> from, Map<String, String> to, int port) {
        return r.all(NetworkPolicy.class).stream()
                .filter(p -> Overlays.matches(p.getSpec().getPodSelector(), to))
                .flatMap(p -> p.getSpec().getIngress() == null ? Stream.empty() : p.getSpec().getIngress().stream())
                .anyMatch(rule -> fromMatches(rule, from) && portMatches(rule, null, port));
    }

    private static boolean fromMatches(NetworkPolicyIngressRule rule, Map<String, String> from) {
        return rule.getFrom() == null
                || rule.getFrom().isEmpty()
                || rule.getFrom().stream()
                        .anyMatch(peer -> peer.getIpBlock() == null
                                && peer.getNamespaceSelector() == null
                                && Overlays.matches(peer.getPodSelector(), from));
    }

    private static boolean portMatches(NetworkPolicyIngressRule rule, String name, int number) {
        if (rule.getPorts() == null || rule.getPorts().isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : rule.getPorts()) {
            if (p.getPort() == null
                    || (name != null && name.equals(p.getPort().getStrVal()))
                    || Integer.valueOf(number).equals(p.getPort().getIntVal())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void onlyProdExposesTheGatewayThroughAnIngress() {
        assertThat(Overlays.render("dev").all(Ingress.class)).isEmpty();
        List<Ingress> ingresses = Overlays.render("prod").all(Ingress.class);
        assertThat(ingresses).hasSize(1);
        assertThat(ingresses.get(0).getSpec().getRules())
                .allSatisfy(rule -> assertThat(rule.getHttp().getPaths())
                        .allSatisfy(path -> assertThat(
                                        path.getBackend().getService().getName())
                                .isEqualTo("gateway")));
        for (String overlay : List.of("dev", "prod")) {
            assertThat(Overlays.render(overlay).all(Service.class))
                    .allSatisfy(s -> assertThat(s.getSpec().getType()).isIn(null, "ClusterIP"));
        }
    }

    // ---- helpers ----

    private static String namespaceOf(Rendered r) {
        return r.all(io.fabric8.kubernetes.api.model.Namespace.class).stream()
                .map(n -> n.getMetadata().getName())
                .findFirst()
                .orElseThrow(() -> new AssertionError(r.overlay() + " renders no Namespace"));
    }

    private static boolean declares(Container c, IntOrString port) {
        if (port == null || c.getPorts() == null) {
            return false;
        }
        return c.getPorts().stream()
                .anyMatch(p -> port.getIntVal() != null
                        ? port.getIntVal().equals(p.getContainerPort())
                        : port.getStrVal().equals(p.getName()));
    }

    private static Map<String, String> env(Container c) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (EnvVar e : c.getEnv()) {
            env.put(e.getName(), e.getValue());
        }
        return env;
    }

    record Reference(boolean secret, String name, String key) {}

    private static List<Reference> references(Workload w) {
        List<Reference> refs = new ArrayList<>();
        for (Container c : w.containers()) {
            for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
                if (from.getConfigMapRef() != null
                        && !Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                    refs.add(new Reference(false, from.getConfigMapRef().getName(), null));
                }
                if (from.getSecretRef() != null
                        && !Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                    refs.add(new Reference(true, from.getSecretRef().getName(), null));
                }
            }
            for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                if (e.getValueFrom() == null) {
                    continue;
                }
                var cm = e.getValueFrom().getConfigMapKeyRef();
                if (cm != null && !Boolean.TRUE.equals(cm.getOptional())) {
                    refs.add(new Reference(false, cm.getName(), cm.getKey()));
                }
                var s = e.getValueFrom().getSecretKeyRef();
                if (s != null && !Boolean.TRUE.equals(s.getOptional())) {
                    refs.add(new Reference(true, s.getName(), s.getKey()));
                }
            }
        }
        for (Volume v : w.template().getSpec().getVolumes() == null
                ? List.<Volume>of()
                : w.template().getSpec().getVolumes()) {
            if (v.getConfigMap() != null
                    && !Boolean.TRUE.equals(v.getConfigMap().getOptional())) {
                refs.add(new Reference(false, v.getConfigMap().getName(), null));
            }
            if (v.getSecret() != null && !Boolean.TRUE.equals(v.getSecret().getOptional())) {
                refs.add(new Reference(true, v.getSecret().getSecretName(), null));
            }
            if (v.getProjected() != null) {
                for (VolumeProjection p : v.getProjected().getSources()) {
                    if (p.getConfigMap() != null) {
                        refs.add(new Reference(false, p.getConfigMap().getName(), null));
                    }
                    if (p.getSecret() != null) {
                        refs.add(new Reference(true, p.getSecret().getName(), null));
                    }
                }
            }
        }
        return refs;
    }

    private static Map<String, String> secretData(Rendered r, String name) {
        return r.all(Secret.class).stream()
                .filter(s -> s.getMetadata().getName().equals(name))
                .findFirst()
                .map(s -> {
                    Map<String, String> data = new java.util.HashMap<>();
                    if (s.getData() != null) {
                        data.putAll(s.getData());
                    }
                    if (s.getStringData() != null) {
                        data.putAll(s.getStringData());
                    }
                    return data;
                })
                .orElse(null);
    }

    private static Map<String, String> configMapData(Rendered r, String name) {
        return r.all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(name))
                .findFirst()
                .map(c -> c.getData() == null ? Map.<String, String>of() : c.getData())
                .orElse(null);
    }
}
