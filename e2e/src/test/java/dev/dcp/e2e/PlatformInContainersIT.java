package dev.dcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.CanonicalJson;
import dev.dcp.common.kafka.BusConnection;
import dev.dcp.testkit.BusProbe;
import dev.dcp.testkit.Eventually;
import dev.dcp.testkit.GatewayCalls.Reply;
import dev.dcp.testkit.ReferenceAnswers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
            try (Admin admin = BusProbe.admin(anonymous)) {
                assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                        .as("an anonymous client (%s)", anonymous.getOrDefault("security.protocol", "PLAINTEXT"))
                        .isNotNull();
            }
        }
        BusProbe.assertLoginRefused(platform.bus("scheduler", "not-the-password"));
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

        try (KafkaConsumer<String, String> subtasks = BusProbe.consumer(bus, "workers")) {
            assertThat(subtasks.partitionsFor(Topics.SUBTASKS))
                    .as("describing dcp.subtasks")
                    .hasSize(12);
        }
        BusProbe.assertRefusedBeyondWorkersDuties(
                bus, List.of(Topics.JOB_EVENTS, Topics.LEDGER_TX), List.of(Topics.SUBTASKS));

        Reply revoked = client.call("DELETE", "/api/v1/providers/me/broker-credentials", provider, null);
        assertThat(revoked.status()).isEqualTo(204);
        BusProbe.awaitLoginRefused(bus, Duration.ofSeconds(30));
        BusProbe.assertLoginRefused(bus);
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
}
