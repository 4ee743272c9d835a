package dev.dcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.CanonicalJson;
import dev.dcp.common.kafka.BusConnection;
import dev.dcp.testkit.Eventually;
import dev.dcp.testkit.GatewayCalls.Reply;
import dev.dcp.testkit.ReferenceAnswers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform in containers, driven only through the gateway's published port: every job kind, then the faults
 * production meets (Kafka frozen, the scheduler restarted, a worker killed, each mid-job), and last the ledger and
 * the credit audit checked after all of it, on a chain sealed by four BFT validators. The faults run in order on
 * one platform, so the last checks see them. Last, the closed bus as a stranger sees it from outside: no login, no
 * entry; a provider's login issued through the API may do its workers' duties and nothing else, and none once
 * revoked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DockerEngine.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformInContainersIT {

    /** primes below 10^8: long enough on three workers to be interrupted mid-way */
    private static final Map<String, Object> LONG_JOB_INPUT = Map.of("from", 0, "to", 100_000_000);

    private static final Map<String, Object> LONG_JOB_RESULT = Map.of("count", 5_761_455);

    DockerPlatform platform;
    PlatformClient client;
    String consumer;

    @BeforeAll
    void startPlatform() {
        DockerEngine.requireEngineAndImages();
        platform = DockerPlatform.start(3);
        client = platform.client();
        consumer = client.tenant("e2e-consumer", "consumer");
    }

    @AfterAll
    void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void everyJobKindReturnsTheReferenceAnswerUnderRedundancyTwo() {
        Map<String, ReferenceAnswers.Case> cases = ReferenceAnswers.everyKind();

        Map<String, String> jobs = new LinkedHashMap<>();
        cases.forEach((kind, c) -> jobs.put(
                kind,
                client.submit(consumer, Map.of("kind", kind, "input", c.input(), "parallelism", 4, "redundancy", 2))));
        jobs.forEach((kind, id) -> {
            Map<String, Object> job = client.awaitEnd(consumer, id, Duration.ofSeconds(120));
            assertThat(job.get("status")).as(kind + ": " + job.get("error")).isEqualTo("COMPLETED");
            assertThat(job.get("result")).as(kind).isEqualTo(cases.get(kind).answer());
            assertThat(job.get("resultHash"))
                    .as(kind)
                    .isEqualTo(Hashes.sha256Hex(CanonicalJson.bytes(job.get("result"))));
        });
    }

    @Test
    @Order(2)
    void aJobOutlivesKafkaFrozenMidJob() {
        assertAJobOutlives(() -> platform.pauseKafka(Duration.ofSeconds(8)));
    }

    @Test
    @Order(3)
    void aJobOutlivesTheSchedulerRestartedMidJob() {
        assertAJobOutlives(platform::restartScheduler);
    }

    @Test
    @Order(4)
    void aJobOutlivesAWorkerKilledMidJob() {
        assertAJobOutlives(() -> platform.killWorker(3));
    }

    @Test
    @Order(5)
    @SuppressWarnings("unchecked")
    void afterItAllTheLedgerVerifiesAndEveryCreditIsAccountedFor() {
        Reply verify = client.call("GET", "/api/v1/ledger/verify", consumer, null);
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.body()).containsEntry("valid", true);
        long height = ((Number) verify.body().get("height")).longValue();
        assertThat(height).isPositive();

        Reply status = client.call("GET", "/api/v1/ledger/status", consumer, null);
        assertThat(status.body()).containsEntry("consensus", "bft");
        assertThat((List<Object>) status.body().get("validators")).hasSize(DockerPlatform.VALIDATORS);
        // a block sealed by a quorum certificate: the signatures of 2f + 1 = 3 of the 4 validators at least
        Reply first = client.call("GET", "/api/v1/ledger/blocks/1", consumer, null);
        assertThat((List<Object>) first.body().get("signatures")).hasSizeGreaterThanOrEqualTo(3);

        // settlement reaches the chain through the outbox: wait until nothing is pending, then compare
        Map<String, Object> audit = Eventually.await("the audit with nothing pending", Duration.ofSeconds(60), () -> {
            Reply reply = client.call("GET", "/api/v1/audit/credits", DockerPlatform.ADMIN_KEY, null);
            return reply.status() == 200
                            && ((Number) reply.body().get("pendingTransactions")).longValue() == 0
                            && Boolean.TRUE.equals(
                                    ((Map<String, Object>) reply.body().get("ledger")).get("matches"))
                    ? reply.body()
                    : null;
        });
        assertThat(audit).containsEntry("conserved", true);
        assertThat((List<Object>) audit.get("negativeAccounts")).isEmpty();
    }

    @Test
    @Order(6)
    void withoutALoginNobodyGetsOntoTheBus() {
        // TLS but no SASL, and no TLS at all: the listener takes neither
        Map<String, Object> tlsOnly = new java.util.HashMap<>(Map.of(
                "bootstrap.servers",
                platform.busBootstrap(),
                "security.protocol",
                "SSL",
                "ssl.truststore.type",
                "PEM",
                "ssl.truststore.location",
                SecuredKafka.tls("ca.crt").toString()));
        for (Map<String, Object> anonymous : List.of(
                tlsOnly, new java.util.HashMap<String, Object>(Map.of("bootstrap.servers", platform.busBootstrap())))) {
            try (Admin admin = Admin.create(quick(anonymous))) {
                assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                        .as("an anonymous client (%s)", anonymous.getOrDefault("security.protocol", "PLAINTEXT"))
                        .isNotNull();
            }
        }
        assertLoginRefused(platform.bus("scheduler", "not-the-password"));
    }

    @Test
    @Order(7)
    void aProvidersLoginFromTheApiMayDoItsWorkersDutiesAndNothingElseUntilRevoked() {
        String provider = client.provider("e2e-stranger");
        Map<String, Object> issued = client.brokerCredentials(provider);
        assertThat(issued.get("securityProtocol")).isEqualTo("SASL_SSL");
        assertThat(issued.get("mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(issued.get("username").toString()).startsWith("provider-");
        BusConnection bus = platform.bus(
                issued.get("username").toString(), issued.get("password").toString());

        try (KafkaConsumer<String, String> subtasks = consumer(bus, "workers")) {
            assertThat(subtasks.partitionsFor(Topics.SUBTASKS))
                    .as("describing dcp.subtasks")
                    .hasSize(12);
        }
        for (String topic : List.of(Topics.JOB_EVENTS, Topics.LEDGER_TX)) {
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
        try (KafkaProducer<String, String> producer = producer(bus)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.SUBTASKS, "k", "{}"))
                            .get(10, TimeUnit.SECONDS))
                    .as("writing dcp.subtasks")
                    .hasCauseInstanceOf(AuthorizationException.class);
        }
        try (Admin admin = Admin.create(quick(bus.connectProperties()))) {
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
        }

        Reply revoked = client.call("DELETE", "/api/v1/providers/me/broker-credentials", provider, null);
        assertThat(revoked.status()).isEqualTo(204);
        Eventually.await("the revoked login refused", Duration.ofSeconds(30), () -> {
            try (Admin admin = Admin.create(quick(bus.connectProperties()))) {
                admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
                return null;
            } catch (Exception e) {
                return e.getCause() instanceof SaslAuthenticationException ? true : null;
            }
        });
        assertLoginRefused(bus);
    }

    /** A long job, the fault injected once it is under way, and still the right answer from every subtask. */
    private void assertAJobOutlives(Runnable fault) {
        String id = client.submit(consumer, Map.of("kind", "primes", "input", LONG_JOB_INPUT, "parallelism", 16));
        client.awaitAccepted(consumer, id, 2, Duration.ofSeconds(60));

        fault.run();

        Map<String, Object> job = client.awaitEnd(consumer, id, Duration.ofSeconds(240));
        assertThat(job.get("status")).as(String.valueOf(job.get("error"))).isEqualTo("COMPLETED");
        assertThat(job.get("result")).isEqualTo(LONG_JOB_RESULT);
        assertThat(job.get("progress")).isEqualTo(Map.of("subtasks", 16, "accepted", 16));
    }

    private static void assertLoginRefused(BusConnection bus) {
        try (Admin admin = Admin.create(quick(bus.connectProperties()))) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static void refused(KafkaFuture<?> future) {
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(AuthorizationException.class);
    }

    private static Map<String, Object> quick(Map<String, Object> properties) {
        properties.put("request.timeout.ms", 5000);
        properties.put("default.api.timeout.ms", 8000);
        properties.put("retries", 1);
        return properties;
    }

    private static KafkaConsumer<String, String> consumer(BusConnection bus, String group) {
        Map<String, Object> properties = quick(bus.connectProperties());
        properties.remove("retries");
        if (group != null) {
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    private static KafkaProducer<String, String> producer(BusConnection bus) {
        Map<String, Object> properties = quick(bus.connectProperties());
        properties.remove("retries");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 8000);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8000);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }
}
