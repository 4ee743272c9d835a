package dev.dcp.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.event.Topics;
import dev.dcp.common.kafka.BusConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A stranger on the bus, for the tests that check what the broker lets a login do: Kafka clients that give up in
 * seconds rather than retry for a minute, and the assertions that a login is refused (authentication) or that an
 * action is (authorization). The devnet's tests and the container suite ask the same questions of their brokers.
 */
public final class BusProbe {

    private BusProbe() {}

    /** Connection properties that fail fast: a refusal is the expected answer, not a reason to retry. */
    public static Map<String, Object> quick(Map<String, Object> properties) {
        properties.put("request.timeout.ms", 5000);
        properties.put("default.api.timeout.ms", 8000);
        return properties;
    }

    public static Admin admin(BusConnection bus) {
        return admin(bus.connectProperties());
    }

    /** An admin client from raw connection properties (an anonymous client, say). */
    public static Admin admin(Map<String, Object> properties) {
        Map<String, Object> fast = quick(new HashMap<>(properties));
        fast.put("retries", 1);
        return Admin.create(fast);
    }

    /** A consumer in {@code group}, or without a group when it is null. */
    public static KafkaConsumer<String, String> consumer(BusConnection bus, String group) {
        Map<String, Object> properties = quick(bus.connectProperties());
        if (group != null) {
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    public static KafkaProducer<String, String> producer(BusConnection bus) {
        Map<String, Object> properties = quick(bus.connectProperties());
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 8000);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8000);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    /** The broker does not authenticate this login. */
    public static void assertLoginRefused(BusConnection bus) {
        try (Admin admin = admin(bus)) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    /** Waits until the broker no longer authenticates this login (a revocation takes effect within seconds). */
    public static void awaitLoginRefused(BusConnection bus, Duration timeout) {
        Eventually.await("the login refused", timeout, () -> {
            try (Admin admin = admin(bus)) {
                admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
                return null;
            } catch (Exception e) {
                return e.getCause() instanceof SaslAuthenticationException ? true : null;
            }
        });
    }

    /**
     * The broker refuses this login, by authorization, every action a provider's workers have no business with:
     * reading the {@code unreadable} topics, joining the scheduler's group, writing the {@code unwritable} topics,
     * creating or deleting topics, altering a topic's configuration, granting ACLs and setting credentials.
     */
    public static void assertRefusedBeyondWorkersDuties(
            BusConnection bus, List<String> unreadable, List<String> unwritable) {
        for (String topic : unreadable) {
            try (KafkaConsumer<String, String> reader = consumer(bus, null)) {
                TopicPartition partition = new TopicPartition(topic, 0);
                reader.assign(List.of(partition));
                reader.seekToBeginning(List.of(partition));
                assertThatThrownBy(() -> reader.poll(Duration.ofSeconds(5)))
                        .as("reading " + topic)
                        .isInstanceOf(AuthorizationException.class);
            }
        }
        try (KafkaConsumer<String, String> intruder = consumer(bus, "scheduler")) {
            intruder.subscribe(List.of(Topics.SUBTASKS));
            assertThatThrownBy(() -> intruder.poll(Duration.ofSeconds(5)))
                    .as("joining the scheduler's group")
                    .isInstanceOf(AuthorizationException.class);
        }
        for (String topic : unwritable) {
            try (KafkaProducer<String, String> producer = producer(bus)) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "{}"))
                                .get(10, TimeUnit.SECONDS))
                        .as("writing " + topic)
                        .hasCauseInstanceOf(AuthorizationException.class);
            }
        }
        try (Admin admin = admin(bus)) {
            refused(admin.createTopics(List.of(new NewTopic("dcp.stolen", 1, (short) 1)))
                    .all());
            refused(admin.deleteTopics(List.of(Topics.SUBTASKS)).all());
            refused(admin.incrementalAlterConfigs(Map.of(
                            new ConfigResource(ConfigResource.Type.TOPIC, Topics.SUBTASKS),
                            List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "1"), AlterConfigOp.OpType.SET))))
                    .all());
            refused(admin.createAcls(List.of(new AclBinding(
                            new ResourcePattern(ResourceType.TOPIC, Topics.LEDGER_TX, PatternType.LITERAL),
                            new AccessControlEntry("User:friend", "*", AclOperation.READ, AclPermissionType.ALLOW))))
                    .all());
            refused(admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            "scheduler", new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), "taken")))
                    .all());
        }
    }

    private static void refused(KafkaFuture<?> future) {
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(AuthorizationException.class);
    }
}
