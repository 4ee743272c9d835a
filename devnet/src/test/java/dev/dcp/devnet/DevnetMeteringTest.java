package dev.dcp.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.devnet.DevnetApi.Tenant;
import dev.dcp.testkit.Eventually;
import dev.dcp.testkit.GatewayCalls.Reply;
import dev.dcp.testkit.WasmModules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Metering on the whole devnet, through the gateway only: a job pays for the work its quorum agreed on, so a
 * worker that lies about its CPU time gains nothing and one that lies about its work is outvoted (or, alone, paid
 * no more than the scheduler's own bound); hostile WebAssembly modules end as clear FAILED jobs and leave every
 * worker taking work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevnetMeteringTest {

    static final String ADMIN_KEY = "dcp_admin_metering_test_key";

    /** primes: numbers sieved per reference CPU-second, as {@code GET /api/v1/kinds} publishes it. */
    static final long PRIMES_UNITS_PER_SECOND = 1_400_000_000L;

    /** Every worker in this test charges the devnet's price, so equal work must be paid equally. */
    static final long PRICE = 10_000;

    @TempDir
    static Path state;

    Devnet devnet;
    String base;
    DevnetApi api;

    @BeforeAll
    void startDevnet() {
        devnet = Devnet.start(new DevnetConfig(state, 0, 3, ADMIN_KEY, false));
        base = devnet.gatewayUrl();
        api = new DevnetApi(base, ADMIN_KEY);
        api.awaitEligibleWorkers(3, Duration.ofSeconds(60));
    }

    @AfterAll
    void stopDevnet() {
        if (devnet != null) {
            devnet.close();
        }
    }

    @Test
    void everyKindIsListedWithItsInputSchemaAndItsWorkUnit() {
        Tenant t = api.tenant("reader", "consumer", 0);
        Reply reply = api.call("GET", "/api/v1/kinds", t.key(), null);
        assertThat(reply.status()).isEqualTo(200);
        List<Map<String, Object>> kinds =
                reply.list().stream().map(DevnetApi::asMap).toList();
        assertThat(kinds)
                .extracting(k -> k.get("kind"))
                .containsExactlyInAnyOrder("primes", "montecarlo-pi", "hashcash", "matmul", "wordcount", "wasm");
        for (Map<String, Object> k : kinds) {
            assertThat(DevnetApi.asMap(k.get("input"))).as("%s", k.get("kind")).containsEntry("type", "object");
            assertThat(DevnetApi.asMap(DevnetApi.asMap(k.get("input")).get("properties")))
                    .isNotEmpty();
            assertThat((String) k.get("workUnit")).isNotBlank();
            assertThat(DevnetApi.number(k.get("unitsPerReferenceCpuSecond"))).isPositive();
        }
        assertThat(kinds)
                .filteredOn(k -> "primes".equals(k.get("kind")))
                .singleElement()
                .satisfies(k -> assertThat(DevnetApi.number(k.get("unitsPerReferenceCpuSecond")))
                        .isEqualTo(PRIMES_UNITS_PER_SECOND));
        assertThat(api.call("GET", "/api/v1/kinds", "dcp_wrong_key", null).status())
                .isEqualTo(401);
    }

    /**
     * Two enrolled workers of providers of their own run beside the honest ones: one reports 100 times its CPU
     * time, the other 100 times its work. Alone (redundancy 1) neither is paid more than the scheduler computes for
     * its subtasks; checked (redundancy 2) the work inflater is outvoted and slashed, and the time inflater is paid
     * exactly what an honest worker is for the same subtasks.
     */
    @Test
    void workersThatInflateTheirTimeOrTheirWorkAreNeverPaidMoreThanTheAgreedWork() {
        Tenant timeCheat = cheatingProvider("slow-clock", "worker-slow-clock");
        Tenant workCheat = cheatingProvider("padder", "worker-padder");
        devnet.startUnenrolledWorker("worker-slow-clock", Map.of("dcp.worker.inflate-cpu", "100"));
        devnet.startUnenrolledWorker("worker-padder", Map.of("dcp.worker.inflate-work", "100"));
        String slowClock = devnet.workerIdOf("worker-slow-clock");
        String padder = devnet.workerIdOf("worker-padder");
        try {
            api.awaitEligibleWorkers(5, Duration.ofSeconds(60));
            Tenant consumer = api.tenant("metered", "consumer", 500_000_000);

            // alone: both cheats' answers are taken, and each is paid the scheduler's bound, never its claim
            Set<String> answeredAlone = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!answeredAlone.containsAll(Set.of(slowClock, padder)) && System.nanoTime() < deadline) {
                Map<String, Object> job = runPrimes(consumer, 1);
                assertThat(job.get("status")).isEqualTo("COMPLETED");
                assertThat(job.get("result")).isEqualTo(Map.of("count", PRIMES_BELOW_48M));
                assertThat(DevnetApi.number(job.get("work")))
                        .as("a lone answer's work is the scheduler's own count, whatever was claimed")
                        .isEqualTo(48_000_000L);
                Map<String, Long> accepted = acceptedSubtasks(consumer, job);
                assertPaidTheAgreedWorkExactly(job, accepted);
                List<Map<String, Object>> replicas = replicas(consumer, job);
                for (Map<String, Object> r : replicas) {
                    if (padder.equals(r.get("workerId"))) {
                        assertThat(DevnetApi.number(r.get("work")))
                                .as("the padder's claim")
                                .isEqualTo(100 * SUBTASK_UNITS);
                    }
                }
                answeredAlone.addAll(accepted.keySet());
            }
            assertThat(answeredAlone).as("both cheats answered alone").contains(slowClock, padder);

            // checked: the padder disagrees with every honest replica; the slow clock agrees and is paid as they are
            long padderStake = stake(workCheat);
            Set<String> acceptedChecked = new HashSet<>();
            deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!(acceptedChecked.contains(slowClock) && api.rejected(padder)) && System.nanoTime() < deadline) {
                Map<String, Object> job = runPrimes(consumer, 2);
                assertThat(job.get("status")).isEqualTo("COMPLETED");
                assertThat(job.get("result")).isEqualTo(Map.of("count", PRIMES_BELOW_48M));
                Map<String, Long> accepted = acceptedSubtasks(consumer, job);
                assertThat(accepted)
                        .as("the padder is never accepted when checked")
                        .doesNotContainKey(padder);
                assertPaidTheAgreedWorkExactly(job, accepted);
                for (Map<String, Object> r : replicas(consumer, job)) {
                    if (slowClock.equals(r.get("workerId")) && r.get("outputHash") != null) {
                        assertThat(r.get("verdict"))
                                .as("the slow clock's answers are right")
                                .isEqualTo("ACCEPTED");
                    }
                }
                acceptedChecked.addAll(accepted.keySet());
            }
            assertThat(acceptedChecked)
                    .as("the slow clock was accepted when checked")
                    .contains(slowClock);
            assertThat(api.rejected(padder)).as("the padder was outvoted").isTrue();
            Eventually.await(
                    "the padder's provider slashed",
                    Duration.ofSeconds(30),
                    () -> stake(workCheat) < padderStake ? true : null);
            assertThat(stake(timeCheat))
                    .as("the slow clock's provider keeps its stake")
                    .isEqualTo(20_000_000);

            Map<String, Object> audit =
                    Eventually.await("the ledger caught up with contract-service", Duration.ofSeconds(60), () -> {
                        Map<String, Object> a = api.call("GET", "/api/v1/audit/credits", ADMIN_KEY, null)
                                .body();
                        return Boolean.TRUE.equals(
                                        DevnetApi.asMap(a.get("ledger")).get("matches"))
                                ? a
                                : null;
                    });
            assertThat(audit.get("conserved")).isEqualTo(true);
            assertThat((List<?>) audit.get("negativeAccounts")).isEmpty();
        } finally {
            devnet.stop("worker-slow-clock");
            devnet.stop("worker-padder");
        }
    }

    /** pi(48,000,000). */
    static final int PRIMES_BELOW_48M = 2_888_144;

    static final int PARTS = 24;
    static final long SUBTASK_UNITS = 48_000_000L / PARTS;

    private Map<String, Object> runPrimes(Tenant t, int redundancy) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kind", "primes");
        spec.put("input", Map.of("from", 0, "to", 48_000_000));
        spec.put("parallelism", PARTS);
        spec.put("strategy", "static");
        spec.put("redundancy", redundancy);
        spec.put("maxCredits", 10_000_000);
        return api.awaitEnd(t, api.submit(t, spec));
    }

    /**
     * Each worker's PAYMENT for the job is exactly {@code floor(subtasks × units × price / unitsPerSecond)}: the
     * subtasks it answered and the quorum accepted, each at the scheduler's count, whatever CPU time or work the
     * worker itself reported. Workers of the same price with the same subtasks are paid the same.
     */
    private void assertPaidTheAgreedWorkExactly(Map<String, Object> job, Map<String, Long> acceptedSubtasks) {
        String id = (String) job.get("id");
        Map<String, Long> expected = new HashMap<>();
        acceptedSubtasks.forEach(
                (worker, n) -> expected.put(worker, n * SUBTASK_UNITS * PRICE / PRIMES_UNITS_PER_SECOND));
        Map<String, Long> paid = Eventually.await("the job's payments on the chain", Duration.ofSeconds(30), () -> {
            Map<String, Long> p = paymentsOf(id);
            return p.values().stream().mapToLong(Long::longValue).sum() == DevnetApi.number(job.get("cost")) ? p : null;
        });
        assertThat(paid).as("job %s: each worker paid its agreed work", id).isEqualTo(expected);
    }

    /** Accepted subtasks by worker: a subtask is counted once for each distinct worker whose answer was accepted. */
    private Map<String, Long> acceptedSubtasks(Tenant t, Map<String, Object> job) {
        Map<String, Long> out = new HashMap<>();
        for (Map<String, Object> s : subtasks(t, job)) {
            ((List<?>) s.get("replicas"))
                    .stream()
                            .map(DevnetApi::asMap)
                            .filter(r -> "ACCEPTED".equals(r.get("verdict")))
                            .map(r -> (String) r.get("workerId"))
                            .distinct()
                            .forEach(w -> out.merge(w, 1L, Long::sum));
        }
        return out;
    }

    /** Payments of one job on the chain, by worker. */
    private Map<String, Long> paymentsOf(String jobId) {
        Map<String, Long> out = new HashMap<>();
        for (Map<String, Object> tx : api.chainTransactions()) {
            Map<String, Object> p = DevnetApi.asMap(tx.get("payload"));
            if ("PAYMENT".equals(tx.get("type")) && jobId.equals(p.get("job"))) {
                out.merge((String) p.get("worker"), DevnetApi.number(p.get("amount")), Long::sum);
            }
        }
        return out;
    }

    // --- hostile modules ---

    static Stream<Arguments> hostileModules() {
        return Stream.of(
                Arguments.of("an infinite loop", WasmModules.base64("spin"), "spin", 5_000_000L, "out of gas"),
                Arguments.of("a memory bomb", WasmModules.base64("memory-bomb"), "f", null, "pages of memory"),
                Arguments.of("unbounded recursion", WasmModules.base64("recursion"), "f", null, "call stack exhausted"),
                Arguments.of("a trap", WasmModules.base64("traps"), "trap", null, "trapped: unreachable executed"),
                Arguments.of(
                        "an invalid binary",
                        Base64.getEncoder()
                                .encodeToString("not a module".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        "f",
                        null,
                        "not a WebAssembly binary"),
                Arguments.of("an import", WasmModules.base64("imports"), "f", null, "allowed set of imports is empty"),
                Arguments.of(
                        "the wrong export signature",
                        WasmModules.base64("wrong-signature"),
                        "f",
                        null,
                        "not (i64, i64) -> i64"),
                Arguments.of("a WASI call", WasmModules.base64("wasi"), "f", null, "WASI is not offered"));
    }

    @ParameterizedTest(name = "{0} ends as a FAILED job that says why")
    @MethodSource("hostileModules")
    void aHostileModuleEndsAsAClearFailedJobOnWhichEveryReplicaAgrees(
            String what, String module, String function, Long gasLimit, String reason) {
        Tenant t = api.tenant("hostile-" + function + "-" + Math.abs(what.hashCode()), "consumer", 50_000_000);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("module", module);
        input.put("function", function);
        input.put("from", 0);
        input.put("to", 1);
        input.put("combine", "sum");
        if (gasLimit != null) {
            input.put("gasLimit", gasLimit);
        }
        Map<String, Object> job = runWasm(t, input, 1);
        assertThat(job.get("status")).isEqualTo("FAILED");
        assertThat((String) job.get("error")).as("the job's error").contains(reason);
        List<Map<String, Object>> answered = replicas(t, job).stream()
                .filter(r -> r.get("outputHash") != null)
                .toList();
        assertThat(answered).as("replicas that answered").hasSizeGreaterThanOrEqualTo(2);
        assertThat(answered.stream().map(r -> r.get("outputHash")).distinct())
                .as("every replica reached the same fault")
                .hasSize(1);
        assertThat(answered).allSatisfy(r -> assertThat(r.get("verdict")).isEqualTo("ACCEPTED"));
        assertTheWorkersStillTakeWork(t);
    }

    @Test
    void aModuleTooLargeForASubtaskIsRefusedAtSubmissionAndCreatesNothing() {
        Tenant t = api.tenant("oversized", "consumer", 50_000_000);
        Map<String, Object> input =
                Map.of("module", "A".repeat(800_000), "function", "f", "from", 0, "to", 10, "combine", "sum");
        Reply refused = api.call(
                "POST", "/api/v1/jobs", t.key(), Map.of("kind", "wasm", "input", input, "maxCredits", 1_000_000));
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.raw().headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        assertThat(refused.body()).containsKeys("type", "title", "status", "detail");
        assertThat((List<?>)
                        api.call("GET", "/api/v1/jobs", t.key(), null).body().get("items"))
                .isEmpty();
        assertThat(DevnetApi.number(api.call("GET", "/api/v1/accounts/me", t.key(), null)
                        .body()
                        .get("balance")))
                .isEqualTo(50_000_000);
    }

    @Test
    void anHonestModuleIsPaidForTheGasItBurnedAndEveryReplicaCountsTheSame() {
        Tenant t = api.tenant("honest-wasm", "consumer", 50_000_000);
        Map<String, Object> job = runWasm(
                t,
                Map.of(
                        "module",
                        WasmModules.base64("sum"),
                        "function",
                        "sum",
                        "from",
                        0,
                        "to",
                        1_000_000,
                        "combine",
                        "sum"),
                4);
        assertThat(job.get("status")).isEqualTo("COMPLETED");
        assertThat(job.get("result")).isEqualTo(Map.of("value", 499_999_500_000L));
        // a subtask is paid once per distinct worker whose answer was accepted (a second copy that reached the
        // same worker added nothing), and each at the gas its replicas agreed on
        long work = 0;
        List<Map<String, Object>> accepted = new ArrayList<>();
        for (Map<String, Object> s : subtasks(t, job)) {
            Map<Object, Map<String, Object>> byWorker = new LinkedHashMap<>();
            ((List<?>) s.get("replicas"))
                    .stream()
                            .map(DevnetApi::asMap)
                            .filter(r -> "ACCEPTED".equals(r.get("verdict")))
                            .forEach(r -> byWorker.putIfAbsent(r.get("workerId"), r));
            assertThat(byWorker).as("subtask %s", s.get("index")).hasSizeGreaterThanOrEqualTo(2);
            assertThat(byWorker.values().stream()
                            .map(r -> DevnetApi.number(r.get("work")))
                            .distinct())
                    .as("every replica of subtask %s counted the same gas", s.get("index"))
                    .hasSize(1);
            for (Map<String, Object> r : byWorker.values()) {
                work += DevnetApi.number(r.get("work"));
                accepted.add(r);
            }
        }
        // about a dozen instructions per number summed
        assertThat(work).isGreaterThan(10L * 1_000_000 * 2);
        assertThat(DevnetApi.number(job.get("work"))).isEqualTo(work);
        assertThat(accepted).allSatisfy(r -> assertThat(r.get("cpuMillis")).isInstanceOf(Number.class));
    }

    /** A wasm job over that input, each subtask answered by two workers, run to its end. */
    private Map<String, Object> runWasm(Tenant t, Map<String, Object> input, int parallelism) {
        return api.awaitEnd(
                t,
                api.submit(
                        t,
                        Map.of(
                                "kind",
                                "wasm",
                                "input",
                                input,
                                "parallelism",
                                parallelism,
                                "redundancy",
                                2,
                                "maxCredits",
                                1_000_000)));
    }

    /** Every devnet worker is online and a plain job still completes with the right answer. */
    private void assertTheWorkersStillTakeWork(Tenant t) {
        Map<String, Object> job = api.awaitEnd(
                t,
                api.submit(
                        t,
                        Map.of(
                                "kind",
                                "primes",
                                "input",
                                Map.of("from", 0, "to", 100_000),
                                "parallelism",
                                6,
                                "redundancy",
                                2,
                                "maxCredits",
                                1_000_000)));
        assertThat(job.get("status")).isEqualTo("COMPLETED");
        assertThat(job.get("result")).isEqualTo(Map.of("count", 9_592));
        assertThat(api.workers().stream().filter(w -> "ONLINE".equals(w.get("status"))))
                .hasSizeGreaterThanOrEqualTo(3);
    }

    // --- helpers ---

    private Tenant cheatingProvider(String name, String workerName) {
        Tenant p = api.tenant(name, "provider", 50_000_000);
        assertThat(api.call("POST", "/api/v1/providers/me/stake", p.key(), Map.of("amount", 20_000_000, "lockDays", 7))
                        .status())
                .isEqualTo(201);
        assertThat(api.call(
                                "POST",
                                "/api/v1/providers/me/workers",
                                p.key(),
                                Map.of(
                                        "publicKey",
                                        devnet.workerPublicKey(workerName),
                                        "slots",
                                        2,
                                        "pricePerCpuSecond",
                                        PRICE))
                        .status())
                .isEqualTo(201);
        return p;
    }

    private long stake(Tenant t) {
        return DevnetApi.number(
                api.call("GET", "/api/v1/accounts/me", t.key(), null).body().get("stake"));
    }

    private List<Map<String, Object>> subtasks(Tenant t, Map<String, Object> job) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = api.call(
                            "GET",
                            "/api/v1/jobs/" + job.get("id") + "/subtasks?limit=500"
                                    + (cursor == null ? "" : "&cursor=" + cursor),
                            t.key(),
                            null)
                    .body();
            ((List<?>) page.get("items")).forEach(i -> items.add(DevnetApi.asMap(i)));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        return items;
    }

    private List<Map<String, Object>> replicas(Tenant t, Map<String, Object> job) {
        return subtasks(t, job).stream()
                .flatMap(s -> ((List<?>) s.get("replicas")).stream())
                .map(DevnetApi::asMap)
                .toList();
    }
}
