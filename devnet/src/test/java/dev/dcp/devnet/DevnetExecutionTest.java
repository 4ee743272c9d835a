package dev.dcp.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.event.ResultBatch;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.CanonicalJson;
import dev.dcp.common.json.Json;
import dev.dcp.testkit.Eventually;
import dev.dcp.testkit.GatewayCalls;
import dev.dcp.testkit.GatewayCalls.Reply;
import dev.dcp.testkit.ReferenceAnswers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Distributed execution on the whole devnet, through the gateway only: every job kind against answers computed
 * here independently, under redundancy 1 and 2; progress as server-sent events; cancellation; a worker killed
 * outright (another JVM, SIGKILL) mid-job; the scheduler stopped and started again mid-job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevnetExecutionTest {

    static final String ADMIN_KEY = "dcp_admin_execution_test_key";

    @TempDir
    static Path state;

    Devnet devnet;
    String base;
    String tenantKey;
    final GatewayCalls gateway = new GatewayCalls();
    final HttpClient client = gateway.client();

    @BeforeAll
    void startDevnet() {
        devnet = Devnet.start(new DevnetConfig(state, 0, 3, ADMIN_KEY, false));
        base = devnet.gatewayUrl();
        Reply tenant = call("POST", "/api/v1/tenants", ADMIN_KEY, Map.of("name", "exec", "role", "consumer"));
        tenantKey = (String) tenant.body().get("apiKey");
        call(
                "POST",
                "/api/v1/tenants/" + tenant.body().get("id") + "/deposits",
                ADMIN_KEY,
                Map.of("amount", 1_000_000_000));
        Eventually.await(
                "three workers online",
                Duration.ofSeconds(30),
                () -> workers().stream()
                                        .filter(w -> "ONLINE".equals(w.get("status")))
                                        .count()
                                >= 3
                        ? true
                        : null);
    }

    @AfterAll
    void stopDevnet() {
        if (devnet != null) {
            devnet.close();
        }
    }

    @ParameterizedTest(name = "redundancy {0}")
    @ValueSource(ints = {1, 2})
    void everyJobKindReturnsTheReferenceAnswer(int redundancy) {
        Map<String, ReferenceAnswers.Case> cases = ReferenceAnswers.everyKind();

        Map<String, String> jobs = new LinkedHashMap<>();
        cases.forEach((kind, c) -> jobs.put(
                kind,
                submit(Map.of(
                        "kind",
                        kind,
                        "input",
                        c.input(),
                        "parallelism",
                        4,
                        "redundancy",
                        redundancy,
                        "strategy",
                        redundancy == 1 ? "guided" : "static"))));
        jobs.forEach((kind, id) -> {
            Map<String, Object> job = awaitEnd(id, Duration.ofSeconds(90));
            assertThat(job.get("status")).as(kind + ": " + job.get("error")).isEqualTo("COMPLETED");
            assertThat(job.get("result")).as(kind).isEqualTo(cases.get(kind).answer());
            assertThat(job.get("resultHash"))
                    .as(kind)
                    .isEqualTo(Hashes.sha256Hex(CanonicalJson.bytes(job.get("result"))));
            for (Map<String, Object> subtask : subtasks(id)) {
                assertThat(subtask.get("status")).isEqualTo("ACCEPTED");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> replicas = (List<Map<String, Object>>) subtask.get("replicas");
                Set<Object> agreeing = new HashSet<>();
                replicas.stream()
                        .filter(r -> "ACCEPTED".equals(r.get("verdict")))
                        .forEach(r -> agreeing.add(r.get("workerId")));
                assertThat(agreeing)
                        .as(kind + " subtask " + subtask.get("index"))
                        .hasSizeGreaterThanOrEqualTo(redundancy);
            }
        });
    }

    @Test
    void progressStreamsThroughTheGatewayUntilTheJobCompletes() throws Exception {
        String id = submit(Map.of("kind", "primes", "input", Map.of("from", 0, "to", 200_000_000), "parallelism", 8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs/" + id + "/events"))
                .header("Authorization", "Bearer " + tenantKey)
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<java.util.stream.Stream<String>> response =
                client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines =
                CompletableFuture.supplyAsync(() -> response.body().toList()).get(90, TimeUnit.SECONDS);
        List<Map<String, Object>> events = lines.stream()
                .filter(l -> l.startsWith("data:"))
                .map(l -> Json.readMap(l.substring(5)))
                .toList();
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1))
                .containsEntry("status", "COMPLETED")
                .containsEntry("result", Map.of("count", 11_078_937));
    }

    @Test
    void aCancelledJobStopsAndTheWorkersDropItsWork() {
        String id = submit(
                Map.of("kind", "primes", "input", Map.of("from", 0, "to", 100_000_000_000L), "parallelism", 400));
        Eventually.await(
                "the job to be running on the workers", Duration.ofSeconds(30), () -> busySlots() > 0 ? true : null);

        Reply cancelled = call("DELETE", "/api/v1/jobs/" + id, tenantKey, null);
        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.body()).containsEntry("status", "CANCELLED");
        // 400 subtasks of a second or more each: only dropping them frees the workers this soon
        Eventually.await("the workers to go idle", Duration.ofSeconds(30), () -> busySlots() == 0 ? true : null);
        assertThat(call("GET", "/api/v1/jobs/" + id, tenantKey, null).body()).containsEntry("status", "CANCELLED");
        assertThat(call("DELETE", "/api/v1/jobs/" + id, tenantKey, null).status())
                .isEqualTo(409);
    }

    @Test
    void aWorkerKilledMidJobLosesNothing() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.dcp.worker.WorkerApplication"));
        command.addAll(devnet.externalWorkerArguments("worker-doomed"));
        command.add("--dcp.worker.prefetch=4");
        Process doomed = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(state.resolve("worker-doomed.log").toFile())
                .start();
        List<String> inProcess = devnet.services().stream()
                .filter(s -> s.startsWith("worker-"))
                .sorted()
                .toList();
        try {
            Eventually.await(
                    "the external worker to register",
                    Duration.ofSeconds(60),
                    () -> workers().stream()
                                    .anyMatch(w ->
                                            devnet.workerIdOf("worker-doomed").equals(w.get("id"))
                                                    && "ONLINE".equals(w.get("status")))
                            ? true
                            : null);
            // the doomed worker alone takes the job's first subtasks
            inProcess.forEach(devnet::stop);
            String id = submit(
                    Map.of("kind", "primes", "input", Map.of("from", 0, "to", 2_000_000_000L), "parallelism", 40));
            Eventually.await(
                    "the doomed worker to be computing",
                    Duration.ofSeconds(90),
                    () -> workers().stream()
                                    .anyMatch(w ->
                                            devnet.workerIdOf("worker-doomed").equals(w.get("id"))
                                                    && ((Number) w.get("busySlots")).intValue() > 0)
                            ? true
                            : null);
            doomed.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no goodbye, no offsets committed
            assertThat(accepted(id)).isLessThan(40);
            inProcess.forEach(devnet::start);

            Map<String, Object> job = awaitEnd(id, Duration.ofSeconds(120));
            assertThat(job).containsEntry("status", "COMPLETED");
            assertThat(job.get("result")).isEqualTo(Map.of("count", 98_222_287));
        } finally {
            doomed.destroyForcibly();
            List<String> running = devnet.services();
            inProcess.stream().filter(w -> !running.contains(w)).forEach(devnet::start);
        }
    }

    @Test
    void aSchedulerRestartedMidJobFinishesItFromTheDatabase() {
        String id = submit(Map.of(
                "kind",
                "primes",
                "input",
                Map.of("from", 0, "to", 2_000_000_000L),
                "parallelism",
                40,
                "redundancy",
                1));
        Eventually.await("some progress", Duration.ofSeconds(60), () -> accepted(id) >= 3 ? true : null);

        try (KafkaConsumer<String, String> results = resultsFromNow()) {
            devnet.stop("scheduler");
            // workers keep answering into Kafka meanwhile: the restarted scheduler must take those answers too
            Eventually.await(
                    "an answer while the scheduler is down",
                    Duration.ofSeconds(60),
                    () -> answered(results, id) ? true : null);
        }
        devnet.start("scheduler");

        Map<String, Object> job = awaitEnd(id, Duration.ofSeconds(120));
        assertThat(job).containsEntry("status", "COMPLETED");
        assertThat(job.get("result")).isEqualTo(Map.of("count", 98_222_287));
        assertThat(job.get("progress")).isEqualTo(Map.of("subtasks", 40, "accepted", 40));
        assertThat(subtasks(id)).allSatisfy(s -> assertThat(s).containsEntry("status", "ACCEPTED"));
    }

    // --- the API, as a tenant ---

    private String submit(Map<String, Object> spec) {
        Reply r = call("POST", "/api/v1/jobs", tenantKey, spec);
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(202);
        return (String) r.body().get("id");
    }

    private Map<String, Object> awaitEnd(String id, Duration timeout) {
        return Eventually.await("job " + id + " to end", timeout, () -> {
            Map<String, Object> j =
                    call("GET", "/api/v1/jobs/" + id, tenantKey, null).body();
            return List.of("COMPLETED", "FAILED", "CANCELLED").contains(j.get("status")) ? j : null;
        });
    }

    private int accepted(String id) {
        Map<?, ?> progress = (Map<?, ?>)
                call("GET", "/api/v1/jobs/" + id, tenantKey, null).body().get("progress");
        return ((Number) progress.get("accepted")).intValue();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> subtasks(String id) {
        return (List<Map<String, Object>>) call("GET", "/api/v1/jobs/" + id + "/subtasks", tenantKey, null)
                .body()
                .get("items");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> workers() {
        return (List<Map<String, Object>>)
                call("GET", "/api/v1/workers", tenantKey, null).body().get("items");
    }

    private int busySlots() {
        return workers().stream()
                .filter(w -> "ONLINE".equals(w.get("status")))
                .mapToInt(w -> ((Number) w.get("busySlots")).intValue())
                .sum();
    }

    // --- Kafka, as the workers see it ---

    /** A reader of {@code dcp.results} that sees only what is sent from now on. */
    private KafkaConsumer<String, String> resultsFromNow() {
        Map<String, Object> config = devnet.kafka().superUserConnection().connectProperties();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.RESULTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves the end now, not at the first poll
        return consumer;
    }

    private static boolean answered(KafkaConsumer<String, String> results, String jobId) {
        for (ConsumerRecord<String, String> record : results.poll(Duration.ofMillis(200))) {
            ResultBatch batch = Json.read(record.value(), ResultBatch.class);
            if (batch.results().stream().anyMatch(r -> jobId.equals(r.jobId()))) {
                return true;
            }
        }
        return false;
    }

    private Reply call(String method, String path, String key, Object body) {
        return gateway.call(this.base, method, path, key, body);
    }
}
