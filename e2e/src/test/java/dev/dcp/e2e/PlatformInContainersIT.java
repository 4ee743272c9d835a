package dev.dcp.e2e;

import static dev.dcp.testkit.ReferenceAnswers.SUM_WASM;
import static dev.dcp.testkit.ReferenceAnswers.generatedText;
import static dev.dcp.testkit.ReferenceAnswers.hashcash;
import static dev.dcp.testkit.ReferenceAnswers.matmul;
import static dev.dcp.testkit.ReferenceAnswers.monteCarloPi;
import static dev.dcp.testkit.ReferenceAnswers.wordcount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.json.CanonicalJson;
import dev.dcp.common.json.Json;
import dev.dcp.testkit.GatewayCalls.Reply;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The platform in containers, driven only through the gateway's published port: every job kind, then the faults
 * production meets (Kafka frozen, the scheduler restarted, a worker killed, each mid-job), and last the ledger and
 * the credit audit checked after all of it. The faults run in order on one platform, so the last checks see them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
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
        String text = generatedText(100_000, 5);
        Map<String, Map<String, Object>> specs = new LinkedHashMap<>();
        specs.put("primes", Map.of("from", 0, "to", 1_000_000));
        specs.put("montecarlo-pi", Map.of("samples", 1_000_000, "seed", 42));
        specs.put("hashcash", Map.of("prefix", "dcp-", "difficulty", 12, "from", 0, "to", 100_000));
        specs.put("matmul", Map.of("n", 64, "seed", 7));
        specs.put("wordcount", Map.of("text", text));
        specs.put("wasm", Map.of("module", SUM_WASM, "function", "sum", "from", -1_000, "to", 500_000,
                "combine", "sum"));
        Map<String, Map<String, Object>> expected = Map.of(
                "primes", Map.of("count", 78_498),
                "montecarlo-pi", monteCarloPi(1_000_000, 42),
                "hashcash", hashcash("dcp-", 12, 0, 100_000),
                "matmul", matmul(64, 7),
                "wordcount", wordcount(text),
                "wasm", Map.of("value", (-1_000L + 499_999L) * 501_000L / 2));

        Map<String, String> jobs = new LinkedHashMap<>();
        specs.forEach((kind, input) -> jobs.put(kind, client.submit(consumer, Map.of("kind", kind, "input", input,
                "parallelism", 4, "redundancy", 2))));
        jobs.forEach((kind, id) -> {
            Map<String, Object> job = client.awaitEnd(consumer, id, Duration.ofSeconds(120));
            assertThat(job.get("status")).as(kind + ": " + job.get("error")).isEqualTo("COMPLETED");
            assertThat(job.get("result")).as(kind).isEqualTo(Json.readMap(Json.write(expected.get(kind))));
            assertThat(job.get("resultHash")).as(kind)
                    .isEqualTo(Hashes.sha256Hex(CanonicalJson.bytes(job.get("result"))));
        });
    }

    @Test
    @Order(2)
    void aJobOutlivesKafkaFrozenMidJob() throws InterruptedException {
        String id = client.submit(consumer, Map.of("kind", "primes", "input", LONG_JOB_INPUT, "parallelism", 16));
        client.awaitAccepted(consumer, id, 2, Duration.ofSeconds(60));

        platform.pauseKafka(Duration.ofSeconds(8));

        assertCompletedCorrectly(id);
    }

    @Test
    @Order(3)
    void aJobOutlivesTheSchedulerRestartedMidJob() {
        String id = client.submit(consumer, Map.of("kind", "primes", "input", LONG_JOB_INPUT, "parallelism", 16));
        client.awaitAccepted(consumer, id, 2, Duration.ofSeconds(60));

        platform.restartScheduler();

        assertCompletedCorrectly(id);
    }

    @Test
    @Order(4)
    void aJobOutlivesAWorkerKilledMidJob() {
        String id = client.submit(consumer, Map.of("kind", "primes", "input", LONG_JOB_INPUT, "parallelism", 16));
        client.awaitAccepted(consumer, id, 2, Duration.ofSeconds(60));

        platform.killWorker(3);

        assertCompletedCorrectly(id);
    }

    @Test
    @Order(5)
    @SuppressWarnings("unchecked")
    void afterItAllTheLedgerVerifiesAndEveryCreditIsAccountedFor() {
        Reply verify = client.call("GET", "/api/v1/ledger/verify", consumer, null);
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.body()).containsEntry("valid", true);
        assertThat(((Number) verify.body().get("height")).longValue()).isPositive();

        // settlement reaches the chain through the outbox: wait until nothing is pending, then compare
        Map<String, Object> audit = dev.dcp.testkit.Eventually.await("the audit with nothing pending",
                Duration.ofSeconds(60), () -> {
                    Reply reply = client.call("GET", "/api/v1/audit/credits", DockerPlatform.ADMIN_KEY, null);
                    return reply.status() == 200 && ((Number) reply.body().get("pendingTransactions")).longValue() == 0
                            && Boolean.TRUE.equals(((Map<String, Object>) reply.body().get("ledger")).get("matches"))
                            ? reply.body() : null;
                });
        assertThat(audit).containsEntry("conserved", true);
        assertThat((List<Object>) audit.get("negativeAccounts")).isEmpty();
    }

    private void assertCompletedCorrectly(String id) {
        Map<String, Object> job = client.awaitEnd(consumer, id, Duration.ofSeconds(240));
        assertThat(job.get("status")).as(String.valueOf(job.get("error"))).isEqualTo("COMPLETED");
        assertThat(job.get("result")).isEqualTo(LONG_JOB_RESULT);
        assertThat(job.get("progress")).isEqualTo(Map.of("subtasks", 16, "accepted", 16));
    }
}
