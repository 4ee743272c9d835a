package dev.dcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.kafka.BusRole;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bus in Kubernetes: the Strimzi listener takes only TLS with SCRAM logins and authorizes by ACL, each
 * KafkaUser holds exactly the ACLs of its {@link BusRole} (so the manifests cannot drift from the code), every dcp
 * service logs in with its role's user, and the User Operator leaves contract-service's provider logins alone.
 */
@SuppressWarnings("unchecked")
class KafkaUsersTest {

    /** KafkaUser name to the role its principal plays. */
    static final Map<String, BusRole> USERS = Map.of(
            "ledger-validator-0", BusRole.VALIDATOR,
            "ledger-validator-1", BusRole.VALIDATOR,
            "ledger-validator-2", BusRole.VALIDATOR,
            "ledger-validator-3", BusRole.VALIDATOR,
            "scheduler", BusRole.SCHEDULER,
            "contract", BusRole.CONTRACT,
            "credential-issuer", BusRole.CREDENTIAL_ISSUER,
            "dcp-workers", BusRole.PROVIDER);

    static Stream<String> overlays() {
        return Overlays.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theListenerTakesOnlyTlsWithScramAndTheBrokerAuthorizesByAcl(String overlay) {
        GenericKubernetesResource kafka = Overlays.render(overlay).oneCustom("Kafka", "dcp-kafka");
        List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
        assertThat(listeners).allSatisfy(l -> {
            assertThat(l).containsEntry("tls", true);
            assertThat((Map<String, Object>) l.get("authentication")).containsEntry("type", "scram-sha-512");
        });
        Map<String, Object> authorization = kafka.get("spec", "kafka", "authorization");
        assertThat(authorization).containsEntry("type", "simple").doesNotContainKey("superUsers");
        assertThat((Object) kafka.get("spec", "entityOperator", "userOperator")).isNotNull();
        List<Map<String, Object>> env = kafka.get("spec", "entityOperator", "template", "userOperatorContainer", "env");
        assertThat(env)
                .as("the User Operator ignores the logins contract-service issues")
                .contains(Map.of("name", "STRIMZI_IGNORED_USERS_PATTERN", "value", "provider-.*"));
        assertThat("provider-3f2a".matches("provider-.*")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyKafkaUserHoldsExactlyTheAclsOfItsRole(String overlay) {
        List<GenericKubernetesResource> users = Overlays.render(overlay).custom("KafkaUser");
        assertThat(users.stream().map(u -> u.getMetadata().getName()))
                .containsExactlyInAnyOrderElementsOf(USERS.keySet())
                .noneMatch(name -> name.startsWith("provider-"));
        for (GenericKubernetesResource user : users) {
            String name = user.getMetadata().getName();
            BusRole role = USERS.get(name);
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "dcp-kafka");
            assertThat(user.getMetadata().getAnnotations()).containsEntry("dcp.dev/bus-role", role.name());
            assertThat((Object) user.get("spec", "authentication", "type")).isEqualTo("scram-sha-512");
            assertThat((Object) user.get("spec", "authorization", "type")).isEqualTo("simple");
            List<Map<String, Object>> acls = user.get("spec", "authorization", "acls");
            assertThat(grants(acls)).as("ACLs of KafkaUser %s", name).isEqualTo(grants(role));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServiceLogsInWithItsRolesUserOverTlsWithTheClusterCa(String overlay) {
        Overlays.Rendered r = Overlays.render(overlay);
        Map<String, PodSpec> pods = Map.of(
                "scheduler",
                        r.one(Deployment.class, "scheduler")
                                .getSpec()
                                .getTemplate()
                                .getSpec(),
                "contract",
                        r.one(Deployment.class, "contract")
                                .getSpec()
                                .getTemplate()
                                .getSpec(),
                "dcp-workers",
                        r.one(Deployment.class, "worker")
                                .getSpec()
                                .getTemplate()
                                .getSpec(),
                "ledger-validator-$(DCP_LEDGER_INDEX)",
                        r.one(StatefulSet.class, "ledger")
                                .getSpec()
                                .getTemplate()
                                .getSpec());
        pods.forEach((user, pod) -> {
            Container c = pod.getContainers().get(0);
            Map<String, EnvVar> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
            assertThat(env.get("DCP_KAFKA_USERNAME").getValue()).isEqualTo(user);
            assertThat(env.get("DCP_KAFKA_TRUSTSTORE").getValue()).isEqualTo("/etc/dcp/kafka-ca/ca.crt");
            if (user.startsWith("ledger-")) {
                assertThat(env.get("DCP_KAFKA_PASSWORD_FILE").getValue())
                        .isEqualTo("/etc/dcp/bus/ledger-validator-$(DCP_LEDGER_INDEX)");
                assertThat(pod.getVolumes().stream()
                                .filter(v -> v.getName().equals("bus-logins"))
                                .flatMap(v -> v.getProjected().getSources().stream())
                                .map(s -> s.getSecret().getName()))
                        .containsExactly(
                                "ledger-validator-0", "ledger-validator-1", "ledger-validator-2", "ledger-validator-3");
            } else {
                assertThat(env.get("DCP_KAFKA_PASSWORD")
                                .getValueFrom()
                                .getSecretKeyRef()
                                .getName())
                        .isEqualTo(user);
                assertThat(env.get("DCP_KAFKA_PASSWORD")
                                .getValueFrom()
                                .getSecretKeyRef()
                                .getKey())
                        .isEqualTo("password");
            }
            assertThat(pod.getVolumes())
                    .anySatisfy(v -> assertThat(v.getSecret() != null
                                    && v.getSecret().getSecretName().equals("dcp-kafka-cluster-ca-cert"))
                            .isTrue());
        });
        EnvVar issuer = r
                .one(Deployment.class, "contract")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv()
                .stream()
                .filter(e -> e.getName().equals("DCP_CONTRACT_BUS_ISSUER_PASSWORD"))
                .findFirst()
                .orElseThrow();
        assertThat(issuer.getValueFrom().getSecretKeyRef().getName()).isEqualTo("credential-issuer");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kedaReadsTheLagAsTheWorkersUserOverTls(String overlay) {
        Overlays.Rendered r = Overlays.render(overlay);
        GenericKubernetesResource scaled = r.oneCustom("ScaledObject", "worker");
        assertThat((Object) scaled.get("spec", "triggers", 0, "authenticationRef", "name"))
                .isEqualTo("worker-kafka");
        GenericKubernetesResource auth = r.oneCustom("TriggerAuthentication", "worker-kafka");
        Map<String, String> params = new java.util.HashMap<>();
        io.fabric8.kubernetes.api.model.ConfigMap config =
                r.one(io.fabric8.kubernetes.api.model.ConfigMap.class, "worker-kafka-scaler");
        for (Map<String, Object> ref : (List<Map<String, Object>>) auth.get("spec", "configMapTargetRef")) {
            assertThat(ref.get("name")).isEqualTo("worker-kafka-scaler");
            params.put(
                    ref.get("parameter").toString(),
                    config.getData().get(ref.get("key").toString()));
        }
        for (Map<String, Object> ref : (List<Map<String, Object>>) auth.get("spec", "secretTargetRef")) {
            params.put(ref.get("parameter").toString(), "secret " + ref.get("name") + "/" + ref.get("key"));
        }
        assertThat(params)
                .isEqualTo(Map.of(
                        "sasl", "scram_sha512",
                        "tls", "enable",
                        "username", "dcp-workers",
                        "password", "secret dcp-workers/password",
                        "ca", "secret dcp-kafka-cluster-ca-cert/ca.crt"));
    }

    /** One Kafka-level grant: resource type, name, pattern, operation. */
    record Grant(ResourceType type, String name, PatternType pattern, AclOperation operation) {}

    private static Set<Grant> grants(BusRole role) {
        return role.grants().stream()
                .map(g -> new Grant(g.resourceType(), g.name(), g.patternType(), g.operation()))
                .collect(Collectors.toSet());
    }

    /** Strimzi's simple ACLs, one rule per resource with several operations, as Kafka grants. */
    private static Set<Grant> grants(List<Map<String, Object>> acls) {
        Set<Grant> grants = new HashSet<>();
        for (Map<String, Object> acl : acls) {
            assertThat(acl.getOrDefault("host", "*")).isEqualTo("*");
            assertThat(acl.getOrDefault("type", "allow")).isEqualTo("allow");
            Map<String, Object> resource = (Map<String, Object>) acl.get("resource");
            ResourceType type =
                    ResourceType.fromString(resource.get("type").toString().toUpperCase(Locale.ROOT));
            String name = type == ResourceType.CLUSTER
                    ? BusRole.CLUSTER_NAME
                    : resource.get("name").toString();
            PatternType pattern = type == ResourceType.CLUSTER
                    ? PatternType.LITERAL
                    : switch (resource.getOrDefault("patternType", "literal").toString()) {
                        case "literal" -> PatternType.LITERAL;
                        case "prefix" -> PatternType.PREFIXED;
                        default -> throw new AssertionError("pattern type " + resource.get("patternType"));
                    };
            for (Object operation : (List<Object>) acl.get("operations")) {
                AclOperation op = AclOperation.fromString(operation.toString().toUpperCase(Locale.ROOT));
                assertThat(op).as("operation %s", operation).isNotEqualTo(AclOperation.UNKNOWN);
                assertThat(grants.add(new Grant(type, name, pattern, op)))
                        .as("a duplicate grant %s %s %s", type, name, op)
                        .isTrue();
            }
        }
        return grants;
    }
}
