package dev.dcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.deploy.Overlays.Rendered;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator-managed parts (Strimzi Kafka, CloudNativePG, KEDA) have no typed model, so
 * they are read as generic resources and their key fields checked against the design.
 */
@SuppressWarnings("unchecked")
class CustomResourcesTest {

    /** Topic name to partition count, from the architecture (the dead-letter topics have one each). */
    static final Map<String, Integer> TOPICS = Map.ofEntries(
            Map.entry("dcp.subtasks", 12),
            Map.entry("dcp.results", 4),
            Map.entry("dcp.workers", 1),
            Map.entry("dcp.jobs.events", 4),
            Map.entry("dcp.ledger.tx", 1),
            Map.entry("dcp.ledger.blocks", 1),
            Map.entry("dcp.ledger.votes", 1),
            Map.entry("dcp.subtasks.dlt", 1),
            Map.entry("dcp.results.dlt", 1),
            Map.entry("dcp.workers.dlt", 1),
            Map.entry("dcp.jobs.events.dlt", 1),
            Map.entry("dcp.storage.commands", 16),
            Map.entry("dcp.storage.replies", 4));

    static final String BOOTSTRAP = "dcp-kafka-kafka-bootstrap:9092";

    static Stream<String> overlays() {
        return Overlays.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyKafkaTopicHasTheDesignedNameAndPartitions(String overlay) {
        Rendered r = Overlays.render(overlay);
        Map<String, Integer> actual = new LinkedHashMap<>();
        for (GenericKubernetesResource t : r.custom("KafkaTopic")) {
            String name = t.getMetadata().getName();
            assertThat(name).as("KafkaTopic metadata.name is DNS-1123").matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            assertThat(t.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "dcp-kafka");
            String topicName = t.get("spec", "topicName");
            assertThat(topicName).as("spec.topicName of %s", name).isNotNull();
            assertThat(actual.put(topicName, ((Number) t.get("spec", "partitions")).intValue()))
                    .as("duplicate topic %s", topicName)
                    .isNull();
            assertThat(((Number) t.get("spec", "replicas")).intValue())
                    .as("replicas of %s", topicName)
                    .isEqualTo(r.isDev() ? 1 : 3);
        }
        assertThat(actual).isEqualTo(TOPICS);
        // Services create missing topics themselves at start-up; they must use the same replication.
        assertThat(r.one(io.fabric8.kubernetes.api.model.ConfigMap.class, "dcp-common")
                        .getData())
                .containsEntry("DCP_KAFKA_TOPICREPLICAS", r.isDev() ? "1" : "3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kafkaRunsInKraftModeOnANodePoolOfCombinedControllersAndBrokers(String overlay) {
        Rendered r = Overlays.render(overlay);
        GenericKubernetesResource kafka = r.oneCustom("Kafka", "dcp-kafka");
        assertThat(kafka.getMetadata().getAnnotations())
                .containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");
        assertThat((Object) kafka.get("spec", "zookeeper")).isNull();
        assertThat((Object) kafka.get("spec", "entityOperator", "topicOperator"))
                .as("topic operator")
                .isNotNull();
        assertThat((Object) kafka.get("spec", "kafka", "config", "auto.create.topics.enable"))
                .isEqualTo(false);
        assertThat((Object) kafka.get("spec", "kafka", "listeners", 0, "port")).isEqualTo(9092);
        assertThat((Object) kafka.get("spec", "kafka", "listeners", 0, "type")).isEqualTo("internal");
        // Strimzi opens the listener to everyone unless peers are listed.
        List<Map<String, Object>> peers = kafka.get("spec", "kafka", "listeners", 0, "networkPolicyPeers");
        assertThat(peers).as("listener networkPolicyPeers").isNotEmpty();
        assertThat(peers)
                .anySatisfy(p -> assertThat(p)
                        .isEqualTo(Map.of(
                                "podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/part-of", "dcp")))));
        assertThat(peers)
                .filteredOn(p -> p.containsKey("namespaceSelector"))
                .allSatisfy(p -> assertThat(p)
                        .isEqualTo(Map.of(
                                "namespaceSelector",
                                        Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "keda")),
                                "podSelector", Map.of("matchLabels", Map.of("app", "keda-operator")))));

        List<GenericKubernetesResource> pools = r.custom("KafkaNodePool");
        assertThat(pools).hasSize(1);
        GenericKubernetesResource pool = pools.get(0);
        assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "dcp-kafka");
        assertThat((List<Object>) pool.get("spec", "roles")).containsExactlyInAnyOrder("controller", "broker");
        int replicas = ((Number) pool.get("spec", "replicas")).intValue();
        if (r.isDev()) {
            assertThat(replicas).isEqualTo(1);
            assertThat((Object) pool.get("spec", "storage", "type")).isEqualTo("ephemeral");
        } else {
            assertThat(replicas).isEqualTo(3);
            assertThat((Object) pool.get("spec", "storage", "type")).isEqualTo("jbod");
            assertThat((Object) pool.get("spec", "storage", "volumes", 0, "type"))
                    .isEqualTo("persistent-claim");
            assertThat((Object) kafka.get("spec", "kafka", "config", "min.insync.replicas"))
                    .isEqualTo(2);
        }
        // Every service is told the Strimzi bootstrap address.
        assertThat(r.all(io.fabric8.kubernetes.api.model.ConfigMap.class))
                .anySatisfy(cm -> assertThat(cm.getData()).containsEntry("DCP_KAFKA", BOOTSTRAP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void postgresIsACloudNativePgClusterWithTheAppDatabase(String overlay) {
        Rendered r = Overlays.render(overlay);
        GenericKubernetesResource pg = r.oneCustom("Cluster", "dcp-postgres");
        assertThat(pg.getApiVersion()).isEqualTo("postgresql.cnpg.io/v1");
        assertThat((Object) pg.get("spec", "instances")).isEqualTo(r.isDev() ? 1 : 3);
        assertThat((Object) pg.get("spec", "bootstrap", "initdb", "database")).isEqualTo("app");
        assertThat((Object) pg.get("spec", "bootstrap", "initdb", "owner")).isEqualTo("app");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kedaScalesTheWorkerDeploymentOnSubtaskLagOfTheWorkersGroup(String overlay) {
        Rendered r = Overlays.render(overlay);
        List<GenericKubernetesResource> scaled = r.custom("ScaledObject");
        assertThat(scaled).hasSize(1);
        GenericKubernetesResource so = scaled.get(0);
        String target = so.get("spec", "scaleTargetRef", "name");
        assertThat(target).isEqualTo("worker");
        Object kind = so.get("spec", "scaleTargetRef", "kind");
        assertThat(kind).isIn(null, "Deployment");
        Deployment worker = r.one(Deployment.class, target);
        assertThat(worker.getSpec().getReplicas())
                .as("KEDA owns the worker count")
                .isNull();

        List<Map<String, Object>> triggers = so.get("spec", "triggers");
        assertThat(triggers).hasSize(1);
        assertThat(triggers.get(0)).containsEntry("type", "kafka");
        assertThat((Map<String, Object>) triggers.get(0).get("metadata"))
                .containsEntry("bootstrapServers", BOOTSTRAP)
                .containsEntry("topic", "dcp.subtasks")
                .containsEntry("consumerGroup", "workers")
                .containsKey("lagThreshold");
        int min = ((Number) so.get("spec", "minReplicaCount")).intValue();
        int max = ((Number) so.get("spec", "maxReplicaCount")).intValue();
        assertThat(min).isEqualTo(r.isDev() ? 1 : 3);
        assertThat(max).isGreaterThanOrEqualTo(min).isLessThanOrEqualTo(TOPICS.get("dcp.subtasks"));
    }
}
