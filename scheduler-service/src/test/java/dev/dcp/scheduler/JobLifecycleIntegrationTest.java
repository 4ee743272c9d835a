package dev.dcp.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.event.ResultMessage;
import dev.dcp.common.event.SubtaskMessage;
import dev.dcp.common.event.Topics;
import dev.dcp.common.event.WorkerHeartbeat;
import dev.dcp.common.event.WorkerOutvoted;
import dev.dcp.common.json.Json;
import dev.dcp.common.kafka.KafkaClients;
import dev.dcp.common.web.ProblemException;
import dev.dcp.scheduler.admission.AdmissionClient;
import dev.dcp.scheduler.settle.SettlementClient;
import dev.dcp.scheduler.verify.vote.SpotCheck;
import dev.dcp.scheduler.worker.Enrolments;
import dev.dcp.testkit.Eventually;
import dev.dcp.testkit.ServiceTestSupport;
import dev.dcp.testkit.SharedInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.client.RestClient;

/**
 * The scheduler against real PostgreSQL and Kafka, with the test playing the workers: it takes the subtasks off
 * {@code dcp.subtasks} and answers them, honestly or not, on {@code dcp.results}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=scheduler",
            "dcp.scheduler.unknown-worker-grace=300ms",
            "dcp.scheduler.lease=2s",
            "dcp.scheduler.lease-check=200ms"
        })
class JobLifecycleIntegrationTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestSupport.register(registry, "scheduler", dataDir);
    }

    @MockitoBean
    AdmissionClient admission;

    /** contract-service's side: every worker here is enrolled; settling pays nothing (its own tests cover paying). */
    @MockitoBean
    Enrolments enrolments;

    @MockitoBean
    SettlementClient settlements;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void contractService() {
        when(enrolments.eligible(anyString())).thenReturn(true);
        when(settlements.settle(anyList())).thenAnswer(call -> {
            List<SettlementClient.EndedJob> ended = call.getArgument(0);
            return ended.stream()
                    .map(j -> new SettlementClient.Settled(j.jobId(), 0, 0, false))
                    .toList();
        });
    }

    @LocalServerPort
    int port;

    static KafkaProducer<String, String> producer;
    static KafkaConsumer<String, String> subtaskTap;
    static final List<SubtaskMessage> seen = new ArrayList<>();

    static final Ed25519.KeyPair honestA = Ed25519.generate();
    static final Ed25519.KeyPair honestB = Ed25519.generate();
    static final Ed25519.KeyPair honestC = Ed25519.generate();
    static final Ed25519.KeyPair liar = Ed25519.generate();
    final Caller tenant = new Caller(UUID.randomUUID().toString(), Caller.Role.CONSUMER);
    RestClient http;

    record Reply(int status, Map<String, Object> body) {}

    @BeforeAll
    static void tapTheSubtaskTopic() {
        String bootstrap = SharedInfrastructure.kafka().bootstrapServers();
        producer = KafkaClients.producer(bootstrap, "scheduler-test");
        subtaskTap = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "scheduler-test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
        subtaskTap.subscribe(List.of(Topics.SUBTASKS));
        heartbeat("worker-a", honestA, List.of());
        heartbeat("worker-b", honestB, List.of());
        heartbeat("worker-c", honestC, List.of());
        heartbeat("worker-liar", liar, List.of());
    }

    /** Registers a worker, and says which replicas it is running. */
    static void heartbeat(String workerId, Ed25519.KeyPair key, List<WorkerHeartbeat.Running> running) {
        try {
            producer.send(new ProducerRecord<>(
                            Topics.WORKERS,
                            workerId,
                            Json.write(new WorkerHeartbeat(
                                    workerId,
                                    key.publicKeyHex(),
                                    2,
                                    running.size(),
                                    System.currentTimeMillis(),
                                    running))))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void close() {
        producer.close();
        subtaskTap.close();
    }

    @BeforeEach
    void client() {
        http = RestClient.create("http://localhost:" + port);
    }

    @Test
    void aPrimesJobIsSplitDispatchedAndReducedFromTheWorkersAnswers() {
        String jobId = submit(Map.of("kind", "primes", "input", Map.of("from", 0, "to", 1000), "parallelism", 4));
        List<SubtaskMessage> tasks = subtasksOf(jobId, 4);
        assertThat(tasks).extracting(SubtaskMessage::index).containsExactlyInAnyOrder(0, 1, 2, 3);
        for (SubtaskMessage t : tasks) {
            answer(t, honestA, "worker-a", primesIn(t));
        }
        Map<String, Object> job = awaitStatus(jobId, "COMPLETED");
        assertThat(job.get("result")).isEqualTo(Map.of("count", 168));
        assertThat((String) job.get("resultHash")).hasSize(64);
        assertThat(job.get("progress")).isEqualTo(Map.of("subtasks", 4, "accepted", 4));
    }

    @Test
    void theJobASubmissionReturnsReadsTheSameWhenFetchedAgain() {
        Reply accepted = call(
                HttpMethod.POST,
                "/api/v1/jobs",
                tenant,
                Map.of("kind", "primes", "input", Map.of("from", 0, "to", 1000)));
        Map<String, Object> fetched = call(
                        HttpMethod.GET, "/api/v1/jobs/" + accepted.body().get("id"), tenant, null)
                .body();
        assertThat(fetched.get("submittedAt")).isEqualTo(accepted.body().get("submittedAt"));
        assertThat(fetched).containsOnlyKeys(accepted.body().keySet());
    }

    @Test
    void aResultDeliveredTwiceCountsOnce() {
        String jobId = submit(Map.of("kind", "primes", "input", Map.of("from", 0, "to", 100), "parallelism", 2));
        List<SubtaskMessage> tasks = subtasksOf(jobId, 2);
        ResultMessage first = answer(tasks.get(0), honestA, "worker-a", primesIn(tasks.get(0)));
        send(first);
        send(first);
        Eventually.await(
                "first subtask accepted",
                Duration.ofSeconds(15),
                () -> progress(jobId).get("accepted").equals(1));
        answer(tasks.get(1), honestA, "worker-a", primesIn(tasks.get(1)));
        Map<String, Object> job = awaitStatus(jobId, "COMPLETED");
        assertThat(job.get("result")).isEqualTo(Map.of("count", 25));
        List<Map<String, Object>> subtasks = subtasks(jobId);
        assertThat(subtasks)
                .allSatisfy(s -> assertThat((List<?>) s.get("replicas")).hasSize(1));
    }

    @Test
    void underRedundancyTwoALyingWorkerIsOutvotedAndTheJobIsStillRight() {
        String jobId = submit(
                Map.of("kind", "primes", "input", Map.of("from", 0, "to", 100), "parallelism", 1, "redundancy", 2));
        List<SubtaskMessage> replicas = subtasksOf(jobId, 2);
        answer(replicas.get(0), honestA, "worker-a", primesIn(replicas.get(0)));
        answer(replicas.get(1), liar, "worker-liar", Map.of("count", 24));
        // disagreement: the scheduler sends one more replica, which another honest worker answers
        List<SubtaskMessage> all = subtasksOf(jobId, 3);
        SubtaskMessage extra =
                all.stream().filter(t -> !replicas.contains(t)).findFirst().orElseThrow();
        answer(extra, honestB, "worker-b", primesIn(extra));

        Map<String, Object> job = awaitStatus(jobId, "COMPLETED");
        assertThat(job.get("result")).isEqualTo(Map.of("count", 25));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> verdicts =
                (List<Map<String, Object>>) subtasks(jobId).get(0).get("replicas");
        assertThat(verdicts)
                .anySatisfy(r ->
                        assertThat(r).containsEntry("workerId", "worker-liar").containsEntry("verdict", "REJECTED"));
        assertThat(verdicts)
                .filteredOn(r -> "ACCEPTED".equals(r.get("verdict")))
                .extracting(r -> r.get("workerId"))
                .containsExactlyInAnyOrder("worker-a", "worker-b");
    }

    @Test
    void oneWorkerAnsweringBothReplicasDoesNotMakeAQuorum() {
        String jobId = submit(
                Map.of("kind", "primes", "input", Map.of("from", 0, "to", 100), "parallelism", 1, "redundancy", 2));
        List<SubtaskMessage> replicas = subtasksOf(jobId, 2);
        answer(replicas.get(0), honestA, "worker-a", primesIn(replicas.get(0)));
        answer(replicas.get(1), honestA, "worker-a", primesIn(replicas.get(1)));
        List<SubtaskMessage> all = subtasksOf(jobId, 3);
        assertThat(progress(jobId).get("accepted")).isEqualTo(0);
        SubtaskMessage extra =
                all.stream().filter(t -> !replicas.contains(t)).findFirst().orElseThrow();
        answer(extra, honestB, "worker-b", primesIn(extra));
        assertThat(awaitStatus(jobId, "COMPLETED").get("result")).isEqualTo(Map.of("count", 25));
    }

    @Test
    void aResultWithABadSignatureIsDroppedAndChangesNothing() {
        String jobId = submit(Map.of("kind", "primes", "input", Map.of("from", 0, "to", 100), "parallelism", 1));
        SubtaskMessage task = subtasksOf(jobId, 1).get(0);
        ResultMessage genuine = ResultMessage.signed(task, "worker-a", honestA, primesIn(task), null, 1);
        ResultMessage tampered = new ResultMessage(
                genuine.jobId(),
                genuine.index(),
                genuine.replicaId(),
                "worker-a",
                genuine.workerKey(),
                Map.of("count", 99),
                genuine.outputHash(),
                null,
                1,
                genuine.signature());
        send(tampered);
        send(ResultMessage.signed(task, "worker-a", liar, Map.of("count", 7), null, 1)
                .withSignature(genuine.signature()));
        send(genuine);
        assertThat(awaitStatus(jobId, "COMPLETED").get("result")).isEqualTo(Map.of("count", 25));
    }

    @Test
    void withoutAMajorityWithinTwoRPlusOneWorkersTheSubtaskAndTheJobFail() {
        String jobId = submit(
                Map.of("kind", "primes", "input", Map.of("from", 0, "to", 100), "parallelism", 1, "redundancy", 2));
        List<SubtaskMessage> first = subtasksOf(jobId, 2);
        answer(first.get(0), honestA, "worker-a", Map.of("count", 1));
        answer(first.get(1), honestB, "worker-b", Map.of("count", 2));
        List<SubtaskMessage> third = subtasksOf(jobId, 3);
        answer(third.get(2), honestC, "worker-c", Map.of("count", 3));
        // three different answers: two more must agree with one of them, five voters in all
        List<SubtaskMessage> all = subtasksOf(jobId, 5);
        answer(all.get(3), liar, "worker-liar", Map.of("count", 4));

        Map<String, Object> job = awaitStatus(jobId, "FAILED");
        assertThat((String) job.get("error")).contains("no majority");
        assertThat(subtasks(jobId).get(0)).containsEntry("status", "FAILED");
    }

    @Test
    void anOutvotedWorkerIsPublishedForContractService() {
        try (KafkaConsumer<String, String> events = tap(Topics.JOB_EVENTS)) {
            String jobId = submit(
                    Map.of("kind", "primes", "input", Map.of("from", 0, "to", 100), "parallelism", 1, "redundancy", 2));
            List<SubtaskMessage> replicas = subtasksOf(jobId, 2);
            answer(replicas.get(0), liar, "worker-liar", Map.of("count", 26));
            answer(replicas.get(1), honestA, "worker-a", primesIn(replicas.get(1)));
            SubtaskMessage extra = subtasksOf(jobId, 3).get(2);
            answer(extra, honestB, "worker-b", primesIn(extra));
            awaitStatus(jobId, "COMPLETED");

            WorkerOutvoted outvoted = Eventually.await("the outvoted event", Duration.ofSeconds(15), () -> {
                for (var r : events.poll(Duration.ofMillis(200))) {
                    if (r.value().contains(WorkerOutvoted.TYPE) && r.key().equals(jobId)) {
                        return Json.read(r.value(), WorkerOutvoted.class);
                    }
                }
                return null;
            });
            assertThat(outvoted.workerId()).isEqualTo("worker-liar");
            assertThat(outvoted.workerKey()).isEqualTo(liar.publicKeyHex());
            assertThat(outvoted.acceptedHash()).isNotEqualTo(outvoted.outputHash());
            assertThat(outvoted.index()).isZero();
        }
    }

    @Test
    void aResultFromAWorkerThatNeverRegisteredIsDropped() {
        String jobId = submit(Map.of("kind", "primes", "input", Map.of("from", 0, "to", 100), "parallelism", 1));
        SubtaskMessage task = subtasksOf(jobId, 1).get(0);
        double unknownBefore = dropped("unknown-worker");
        double wrongKeyBefore = dropped("wrong-key");
        answer(task, Ed25519.generate(), "worker-nobody-knows", primesIn(task));
        answer(task, honestB, "worker-a", primesIn(task)); // a registered id, but not its key
        Eventually.await(
                "both results dropped",
                Duration.ofSeconds(15),
                () -> (dropped("unknown-worker") > unknownBefore && dropped("wrong-key") > wrongKeyBefore)
                        ? true
                        : null);
        assertThat(progress(jobId).get("accepted")).isEqualTo(0);

        answer(task, honestA, "worker-a", primesIn(task));
        assertThat(awaitStatus(jobId, "COMPLETED").get("result")).isEqualTo(Map.of("count", 25));
    }

    @Test
    void aStartedReplicaWhoseWorkerGoesSilentIsDispatchedAgainAfterItsLease() {
        String jobId = submit(Map.of("kind", "primes", "input", Map.of("from", 0, "to", 100), "parallelism", 1));
        SubtaskMessage task = subtasksOf(jobId, 1).get(0);
        // queued replicas are not expired by the short lease, only started ones: another job's replica, started
        // after this one was queued, runs out of its lease first (and goes again)...
        String other = submit(Map.of("kind", "primes", "input", Map.of("from", 0, "to", 100), "parallelism", 1));
        heartbeat(
                "worker-c",
                honestC,
                List.of(new WorkerHeartbeat.Running(
                        subtasksOf(other, 1).get(0).replicaId(), System.currentTimeMillis())));
        SubtaskMessage otherAgain = subtasksOf(other, 2).get(1);
        // ...and once a later pass of the lease watcher has run, that earlier pass has surely ended
        heartbeat(
                "worker-c",
                honestC,
                List.of(new WorkerHeartbeat.Running(otherAgain.replicaId(), System.currentTimeMillis() - 10_000)));
        subtasksOf(other, 3);
        assertThat(subtasksOf(jobId, 1)).hasSize(1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> waiting =
                (List<Map<String, Object>>) subtasks(jobId).get(0).get("replicas");
        assertThat(waiting).singleElement().satisfies(r -> assertThat(r).containsEntry("verdict", "PENDING"));

        heartbeat(
                "worker-b",
                honestB,
                List.of(new WorkerHeartbeat.Running(task.replicaId(), System.currentTimeMillis())));
        SubtaskMessage again = subtasksOf(jobId, 2).get(1);
        assertThat(again.replicaId()).isNotEqualTo(task.replicaId());
        answer(again, honestA, "worker-a", primesIn(again));
        assertThat(awaitStatus(jobId, "COMPLETED").get("result")).isEqualTo(Map.of("count", 25));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> replicas =
                (List<Map<String, Object>>) subtasks(jobId).get(0).get("replicas");
        assertThat(replicas).extracting(r -> r.get("verdict")).containsExactlyInAnyOrder("EXPIRED", "ACCEPTED");
    }

    @Test
    void progressStreamsAsServerSentEventsUntilTheJobEnds() throws Exception {
        String jobId = submit(Map.of("kind", "primes", "input", Map.of("from", 0, "to", 1000), "parallelism", 3));
        List<SubtaskMessage> tasks = subtasksOf(jobId, 3);
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/v1/jobs/" + jobId + "/events"))
                .header(ServiceCredential.HEADER, ServiceTestSupport.credential(tenant))
                .build();
        var stream = client.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
        var response = stream.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        for (SubtaskMessage t : tasks) {
            answer(t, honestA, "worker-a", primesIn(t));
        }
        // the stream ends by itself when the job does
        List<String> lines = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> response.body().toList())
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
        List<Map<String, Object>> data = lines.stream()
                .filter(l -> l.startsWith("data:"))
                .map(l -> Json.readMap(l.substring(5)))
                .toList();
        assertThat(data.get(0)).containsEntry("status", "RUNNING").containsEntry("id", jobId);
        assertThat(data.get(data.size() - 1))
                .containsEntry("status", "COMPLETED")
                .containsEntry("result", Map.of("count", 168));
        assertThat(lines).contains("event:status");
        assertThat(data)
                .extracting(d -> ((Map<?, ?>) d.get("progress")).get("accepted"))
                .isSorted();
    }

    @Test
    void cancellingWithdrawsTheSubtasksNotYetAnswered() {
        String jobId = submit(Map.of("kind", "primes", "input", Map.of("from", 0, "to", 1000), "parallelism", 3));
        List<SubtaskMessage> tasks = subtasksOf(jobId, 3);
        answer(tasks.get(0), honestA, "worker-a", primesIn(tasks.get(0)));
        Eventually.await(
                "one accepted",
                Duration.ofSeconds(15),
                () -> progress(jobId).get("accepted").equals(1));

        assertThat(call(HttpMethod.DELETE, "/api/v1/jobs/" + jobId, tenant, null)
                        .status())
                .isEqualTo(202);
        List<Map<String, Object>> subtasks = subtasks(jobId);
        assertThat(subtasks)
                .extracting(st -> st.get("status"))
                .containsExactlyInAnyOrder("ACCEPTED", "CANCELLED", "CANCELLED");
        assertThat(subtasks)
                .filteredOn(st -> "CANCELLED".equals(st.get("status")))
                .allSatisfy(st -> assertThat((List<?>) st.get("replicas"))
                        .singleElement()
                        .satisfies(r -> assertThat((Map<String, Object>) r).containsEntry("verdict", "WITHDRAWN")));
    }

    @Test
    void invalidSpecsAreA400ProblemListingEveryBadField() {
        Reply bad = call(
                HttpMethod.POST,
                "/api/v1/jobs",
                tenant,
                Map.of(
                        "kind",
                        "primes",
                        "input",
                        Map.of("from", 10, "to", 5),
                        "parallelism",
                        0,
                        "redundancy",
                        9,
                        "strategy",
                        "random"));
        assertThat(bad.status()).isEqualTo(400);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors =
                (List<Map<String, Object>>) bad.body().get("errors");
        assertThat(errors)
                .extracting(e -> e.get("field"))
                .contains("input.to", "parallelism", "redundancy", "strategy");
        assertThat(call(HttpMethod.POST, "/api/v1/jobs", tenant, Map.of("kind", "astrology", "input", Map.of()))
                        .status())
                .isEqualTo(400);
        assertThat(call(
                                HttpMethod.POST,
                                "/api/v1/jobs",
                                tenant,
                                Map.of("kind", "primes", "input", Map.of("from", 0, "to", 2_000_000_000_000L)))
                        .status())
                .isEqualTo(400);
        assertThat(list(tenant)).isEmpty();
    }

    @Test
    void aTextOver8MiBIsA413ProblemNamingTheTextAndCreatesNoJob() {
        Reply tooLarge = call(
                HttpMethod.POST,
                "/api/v1/jobs",
                tenant,
                Map.of("kind", "wordcount", "input", Map.of("text", "x".repeat(8 * 1024 * 1024 + 1))));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body()).containsEntry("title", "Content Too Large");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors =
                (List<Map<String, Object>>) tooLarge.body().get("errors");
        assertThat(errors).extracting(e -> e.get("field")).containsExactly("input.text");
        assertThat(list(tenant)).isEmpty();
    }

    @Test
    void anAdaptiveJobTakesATrustedWorkersAnswerAloneExceptWhereItDrawsASpotCheck() {
        when(enrolments.trusted(honestA.publicKeyHex())).thenReturn(true);
        String jobId = submit(Map.of(
                "kind",
                "primes",
                "input",
                Map.of("from", 0, "to", 6_000),
                "parallelism",
                60,
                "redundancy",
                2,
                "adaptive",
                true));
        List<SubtaskMessage> first = subtasksOf(jobId, 60);
        assertThat(first).hasSize(60);
        first.forEach(t -> answer(t, honestA, "worker-a", primesIn(t)));

        List<Integer> checked = java.util.stream.IntStream.range(0, 60)
                .filter(i -> SpotCheck.draws(jobId, i, 0.1))
                .boxed()
                .toList();
        Set<String> firstIds = first.stream().map(SubtaskMessage::replicaId).collect(Collectors.toSet());
        List<SubtaskMessage> checks = subtasksOf(jobId, 60 + checked.size()).stream()
                .filter(t -> !firstIds.contains(t.replicaId()))
                .toList();
        assertThat(checks).extracting(SubtaskMessage::index).containsExactlyInAnyOrderElementsOf(checked);
        checks.forEach(t -> answer(t, honestB, "worker-b", primesIn(t)));

        awaitStatus(jobId, "COMPLETED");
        for (Map<String, Object> subtask : subtasks(jobId)) {
            int replicas = ((List<?>) subtask.get("replicas")).size();
            assertThat(replicas)
                    .as("subtask " + subtask.get("index"))
                    .isEqualTo(checked.contains(subtask.get("index")) ? 2 : 1);
        }
    }

    @Test
    void anAdaptiveJobAnsweredByAnUntrustedWorkerIsReplicatedInFull() {
        String jobId = submit(Map.of(
                "kind",
                "primes",
                "input",
                Map.of("from", 0, "to", 1_000),
                "parallelism",
                10,
                "redundancy",
                2,
                "adaptive",
                true));
        List<SubtaskMessage> first = subtasksOf(jobId, 10);
        first.forEach(t -> answer(t, honestB, "worker-b", primesIn(t)));
        Set<String> firstIds = first.stream().map(SubtaskMessage::replicaId).collect(Collectors.toSet());
        List<SubtaskMessage> more = subtasksOf(jobId, 20).stream()
                .filter(t -> !firstIds.contains(t.replicaId()))
                .toList();
        assertThat(more).extracting(SubtaskMessage::index).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        more.forEach(t -> answer(t, honestC, "worker-c", primesIn(t)));
        awaitStatus(jobId, "COMPLETED");
    }

    @Test
    void anAdmissionThatACrashLeftWithoutItsJobHasItsEscrowReleasedByTheSweeper() {
        String orphan = UUID.randomUUID().toString();
        jdbc.update(
                "insert into pending_admissions (job_id, tenant_id, created_at) values (?, ?, now() - interval '5 minutes')",
                orphan,
                tenant.tenantId());
        Eventually.await(
                "the orphan's escrow released",
                Duration.ofSeconds(15),
                () -> jdbc.queryForObject(
                                        "select count(*) from pending_admissions where job_id = ?",
                                        Integer.class,
                                        orphan)
                                == 0
                        ? true
                        : null);
        verify(settlements)
                .settle(argThat(jobs -> jobs.size() == 1
                        && jobs.get(0).jobId().equals(orphan)
                        && jobs.get(0).outcome().equals("FAILED")
                        && jobs.get(0).work().isEmpty()));
        assertThat(call(HttpMethod.GET, "/api/v1/jobs/" + orphan, tenant, null).status())
                .isEqualTo(404);
    }

    @Test
    void aStoredJobLeavesNoPendingAdmissionAndARefusedOneNeither() {
        String jobId = submit(Map.of("kind", "primes", "input", Map.of("from", 0, "to", 100), "parallelism", 1));
        assertThat(jdbc.queryForObject(
                        "select count(*) from pending_admissions where job_id = ?", Integer.class, jobId))
                .isZero();
        doThrow(new ProblemException(HttpStatus.PAYMENT_REQUIRED, "Insufficient credits", "balance is 0"))
                .when(admission)
                .admit(anyString(), eq(tenant.tenantId()), anyLong(), anyInt());
        assertThat(call(
                                HttpMethod.POST,
                                "/api/v1/jobs",
                                tenant,
                                Map.of("kind", "primes", "input", Map.of("from", 0, "to", 100), "maxCredits", 10))
                        .status())
                .isEqualTo(402);
        assertThat(jdbc.queryForObject(
                        "select count(*) from pending_admissions where tenant_id = ?",
                        Integer.class,
                        tenant.tenantId()))
                .isZero();
    }

    @Test
    void aRefusedAdmissionPassesThe402OnAndCreatesNoJob() {
        doThrow(new ProblemException(HttpStatus.PAYMENT_REQUIRED, "Insufficient credits", "balance is 0"))
                .when(admission)
                .admit(anyString(), eq(tenant.tenantId()), anyLong(), anyInt());
        Reply refused = call(
                HttpMethod.POST,
                "/api/v1/jobs",
                tenant,
                Map.of("kind", "primes", "input", Map.of("from", 0, "to", 100), "maxCredits", 10));
        assertThat(refused.status()).isEqualTo(402);
        assertThat(list(tenant)).isEmpty();
    }

    @Test
    void anotherTenantsJobIsNotFoundAndAFinishedJobCannotBeCancelled() {
        String jobId = submit(Map.of("kind", "primes", "input", Map.of("from", 0, "to", 100), "parallelism", 1));
        Caller stranger = new Caller(UUID.randomUUID().toString(), Caller.Role.CONSUMER);
        assertThat(call(HttpMethod.GET, "/api/v1/jobs/" + jobId, stranger, null).status())
                .isEqualTo(404);
        assertThat(call(HttpMethod.DELETE, "/api/v1/jobs/" + jobId, stranger, null)
                        .status())
                .isEqualTo(404);

        Reply cancelled = call(HttpMethod.DELETE, "/api/v1/jobs/" + jobId, tenant, null);
        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.body()).containsEntry("status", "CANCELLED");
        assertThat(call(HttpMethod.DELETE, "/api/v1/jobs/" + jobId, tenant, null)
                        .status())
                .isEqualTo(409);
        SubtaskMessage task = subtasksOf(jobId, 1).get(0);
        answer(task, honestA, "worker-a", primesIn(task));
        assertThat(awaitStatus(jobId, "CANCELLED").get("result")).isNull();
    }

    // --- the test as the workers ---

    private static KafkaConsumer<String, String> tap(String topic) {
        KafkaConsumer<String, String> c = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SharedInfrastructure.kafka().bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "tap-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "latest"),
                new StringDeserializer(),
                new StringDeserializer());
        c.subscribe(List.of(topic));
        Eventually.await("assignment of " + topic, Duration.ofSeconds(15), () -> {
            c.poll(Duration.ofMillis(100));
            return c.assignment().isEmpty() ? null : true;
        });
        return c;
    }

    private double dropped(String reason) {
        Counter c = meters.find("dcp.scheduler.results.dropped")
                .tag("reason", reason)
                .counter();
        return c == null ? 0 : c.count();
    }

    private List<SubtaskMessage> subtasksOf(String jobId, int count) {
        return Eventually.await(count + " subtasks of " + jobId, Duration.ofSeconds(20), () -> {
            synchronized (seen) {
                subtaskTap
                        .poll(Duration.ofMillis(100))
                        .forEach(r -> seen.add(Json.read(r.value(), SubtaskMessage.class)));
                List<SubtaskMessage> mine =
                        seen.stream().filter(t -> t.jobId().equals(jobId)).toList();
                return mine.size() >= count ? mine : null;
            }
        });
    }

    private static Map<String, Object> primesIn(SubtaskMessage t) {
        long from = ((Number) t.input().get("from")).longValue();
        long to = ((Number) t.input().get("to")).longValue();
        int count = 0;
        for (long n = Math.max(2, from); n < to; n++) {
            boolean prime = true;
            for (long d = 2; d * d <= n; d++) {
                if (n % d == 0) {
                    prime = false;
                    break;
                }
            }
            count += prime ? 1 : 0;
        }
        return Map.of("count", count);
    }

    private ResultMessage answer(SubtaskMessage t, Ed25519.KeyPair key, String workerId, Map<String, Object> output) {
        ResultMessage result = ResultMessage.signed(t, workerId, key, output, null, 3);
        send(result);
        return result;
    }

    private static void send(ResultMessage result) {
        try {
            producer.send(new ProducerRecord<>(Topics.RESULTS, result.jobId(), Json.write(result)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- the test as the tenant ---

    private String submit(Map<String, Object> spec) {
        Reply accepted = call(HttpMethod.POST, "/api/v1/jobs", tenant, spec);
        assertThat(accepted.status()).isEqualTo(202);
        return (String) accepted.body().get("id");
    }

    private Map<String, Object> awaitStatus(String jobId, String status) {
        return Eventually.await("job " + jobId + " " + status, Duration.ofSeconds(20), () -> {
            Map<String, Object> job =
                    call(HttpMethod.GET, "/api/v1/jobs/" + jobId, tenant, null).body();
            return status.equals(job.get("status")) ? job : null;
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> progress(String jobId) {
        return (Map<String, Object>) call(HttpMethod.GET, "/api/v1/jobs/" + jobId, tenant, null)
                .body()
                .get("progress");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> subtasks(String jobId) {
        return (List<Map<String, Object>>) call(HttpMethod.GET, "/api/v1/jobs/" + jobId + "/subtasks", tenant, null)
                .body()
                .get("items");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(Caller caller) {
        return (List<Map<String, Object>>)
                call(HttpMethod.GET, "/api/v1/jobs", caller, null).body().get("items");
    }

    private Reply call(HttpMethod method, String path, Caller caller, Object body) {
        var spec =
                http.method(method).uri(path).header(ServiceCredential.HEADER, ServiceTestSupport.credential(caller));
        if (body != null) {
            spec = spec.contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
        }
        return spec.exchange((req, res) -> {
            byte[] bytes = res.getBody().readAllBytes();
            return new Reply(
                    res.getStatusCode().value(),
                    bytes.length == 0 ? Map.of() : Json.readMap(new String(bytes, StandardCharsets.UTF_8)));
        });
    }
}
