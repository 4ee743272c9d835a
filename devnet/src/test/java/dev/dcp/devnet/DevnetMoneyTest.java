package dev.dcp.devnet;

import static dev.dcp.testkit.ReferenceAnswers.SUM_WASM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.devnet.DevnetApi.Tenant;
import dev.dcp.testkit.Eventually;
import dev.dcp.testkit.GatewayCalls.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Money on the whole devnet, through the gateway only: what a job costs, who is paid, what returns, what a
 * cheating worker's provider loses, and that contract-service's accounts, the ledger's replay and an
 * independent replay of the chain written here agree to the micro-credit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevnetMoneyTest {

    static final String ADMIN_KEY = "dcp_admin_money_test_key";

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
        api.awaitEligibleWorkers(3, Duration.ofSeconds(30));
    }

    @AfterAll
    void stopDevnet() {
        if (devnet != null) {
            devnet.close();
        }
    }

    @Test
    void aPaidJobWithRedundancyTwoChargesExactlyItsCostOnceAndEveryReplayAgrees() {
        Tenant alice = consumer("alice", 100_000_000);
        String job = api.submit(
                alice,
                Map.of(
                        "kind",
                        "primes",
                        "input",
                        Map.of("from", 0, "to", 30_000_000),
                        "parallelism",
                        8,
                        "redundancy",
                        2,
                        "maxCredits",
                        5_000_000));
        Map<String, Object> done = api.awaitEnd(alice, job);
        assertThat(done.get("status")).isEqualTo("COMPLETED");
        long cost = DevnetApi.number(done.get("cost"));
        assertThat(cost).isPositive().isLessThanOrEqualTo(5_000_000);

        Map<String, Object> me =
                api.call("GET", "/api/v1/accounts/me", alice.key(), null).body();
        assertThat(DevnetApi.number(me.get("balance"))).isEqualTo(100_000_000 - cost);
        assertThat(DevnetApi.number(me.get("escrowed"))).isZero();

        awaitLedgerBalance(alice, 100_000_000 - cost);
        List<Map<String, Object>> chain = api.chainTransactions();
        long paid = chain.stream()
                .filter(tx -> "PAYMENT".equals(tx.get("type")))
                .map(this::payload)
                .filter(p -> job.equals(p.get("job")))
                .mapToLong(p -> DevnetApi.number(p.get("amount")))
                .sum();
        assertThat(paid).as("the job's PAYMENT transactions").isEqualTo(cost);
        assertThat(chain.stream()
                        .filter(tx -> "JOB_COMPLETED".equals(tx.get("type")))
                        .map(this::payload)
                        .filter(p -> job.equals(p.get("job"))))
                .singleElement()
                .satisfies(p -> assertThat(DevnetApi.number(p.get("cost"))).isEqualTo(cost));
        assertThat(replay(chain).get(alice.id())).containsExactly(100_000_000 - cost, 0L, 0L);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines =
                (List<Map<String, Object>>) api.call("GET", "/api/v1/accounts/me/statement", alice.key(), null)
                        .body()
                        .get("items");
        assertThat(lines)
                .extracting(l -> l.get("type"))
                .contains("DEPOSIT", "ESCROW_LOCK", "PAYMENT", "ESCROW_RELEASE");
    }

    @Test
    void aShortBalanceIsA402AndAFullQuotaA429AndNeitherCreatesAnything() {
        Tenant bob = consumer("bob", 1_000);
        Reply refused = api.call(
                "POST",
                "/api/v1/jobs",
                bob.key(),
                Map.of("kind", "primes", "input", Map.of("from", 0, "to", 1_000), "maxCredits", 5_000));
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.body()).containsKeys("type", "title", "status", "detail");
        assertThat(jobs(bob)).isEmpty();
        assertThat(DevnetApi.number(api.call("GET", "/api/v1/accounts/me", bob.key(), null)
                        .body()
                        .get("balance")))
                .isEqualTo(1_000);

        assertThat(api.call("PUT", "/api/v1/tenants/" + bob.id() + "/quota", ADMIN_KEY, Map.of("concurrentJobs", 1))
                        .status())
                .isEqualTo(200);
        String running = api.submit(
                bob,
                Map.of(
                        "kind",
                        "primes",
                        "input",
                        Map.of("from", 0, "to", 100_000_000_000L),
                        "parallelism",
                        64,
                        "maxCredits",
                        500));
        Reply throttled = api.call(
                "POST",
                "/api/v1/jobs",
                bob.key(),
                Map.of("kind", "primes", "input", Map.of("from", 0, "to", 1_000), "maxCredits", 10));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.retryAfter())
                .as("a running job may end at any moment")
                .isEqualTo("1");
        assertThat(jobs(bob)).hasSize(1);
        assertThat(api.call("DELETE", "/api/v1/jobs/" + running, bob.key(), null)
                        .status())
                .isEqualTo(202);
        assertThat(api.call(
                                "POST",
                                "/api/v1/jobs",
                                bob.key(),
                                Map.of("kind", "primes", "input", Map.of("from", 0, "to", 1_000), "maxCredits", 10))
                        .status())
                .isEqualTo(202);
    }

    @Test
    void aCancelledJobPaysForAcceptedWorkOnlyAndReturnsTheRest() {
        Tenant carol = consumer("carol", 50_000_000);
        String job = api.submit(
                carol,
                Map.of(
                        "kind",
                        "primes",
                        "input",
                        Map.of("from", 0, "to", 400_000_000_000L),
                        "parallelism",
                        2_000,
                        "maxCredits",
                        20_000_000));
        Eventually.await(
                "some subtasks accepted",
                Duration.ofSeconds(60),
                () -> DevnetApi.number(DevnetApi.asMap(api.call("GET", "/api/v1/jobs/" + job, carol.key(), null)
                                                .body()
                                                .get("progress"))
                                        .get("accepted"))
                                >= 3
                        ? true
                        : null);
        Reply cancelled = api.call("DELETE", "/api/v1/jobs/" + job, carol.key(), null);
        assertThat(cancelled.status()).isEqualTo(202);
        Map<String, Object> ended = api.awaitEnd(carol, job);
        assertThat(ended.get("status")).isEqualTo("CANCELLED");
        long cost = DevnetApi.number(ended.get("cost"));
        assertThat(cost).isPositive().isLessThan(20_000_000);
        Map<String, Object> me =
                api.call("GET", "/api/v1/accounts/me", carol.key(), null).body();
        assertThat(DevnetApi.number(me.get("balance"))).isEqualTo(50_000_000 - cost);
        assertThat(DevnetApi.number(me.get("escrowed"))).isZero();
        assertThat(api.call("DELETE", "/api/v1/jobs/" + job, carol.key(), null).status())
                .isEqualTo(409);
        awaitLedgerBalance(carol, 50_000_000 - cost);
    }

    @Test
    void aFailedJobPaysForAcceptedWorkOnlyAndReturnsTheRest() {
        Tenant dan = consumer("dan", 10_000_000);
        // each subtask's sum fits in 2^53, their total does not: the reducer fails the job after every subtask
        long from = 1L << 40;
        String job = api.submit(
                dan,
                Map.of(
                        "kind",
                        "wasm",
                        "input",
                        Map.of(
                                "module",
                                SUM_WASM,
                                "function",
                                "sum",
                                "from",
                                from,
                                "to",
                                from + 40_000,
                                "combine",
                                "sum"),
                        "parallelism",
                        4,
                        "maxCredits",
                        3_000_000));
        Map<String, Object> ended = api.awaitEnd(dan, job);
        assertThat(ended.get("status")).isEqualTo("FAILED");
        assertThat(ended.get("result")).isNull();
        long cost = DevnetApi.number(ended.get("cost"));
        assertThat(cost).isBetween(0L, 3_000_000L);
        Map<String, Object> me =
                api.call("GET", "/api/v1/accounts/me", dan.key(), null).body();
        assertThat(DevnetApi.number(me.get("balance"))).isEqualTo(10_000_000 - cost);
        assertThat(DevnetApi.number(me.get("escrowed"))).isZero();
        awaitLedgerBalance(dan, 10_000_000 - cost);
        // the scheduler records the failure after the settlement's money moved: it may reach a later block
        List<Map<String, Object>> failures =
                Eventually.await("the job's JOB_FAILED on the chain", Duration.ofSeconds(30), () -> {
                    List<Map<String, Object>> found = api.chainTransactions().stream()
                            .filter(tx -> "JOB_FAILED".equals(tx.get("type")))
                            .map(this::payload)
                            .filter(p -> job.equals(p.get("job")))
                            .toList();
                    return found.isEmpty() ? null : found;
                });
        assertThat(failures)
                .singleElement()
                .satisfies(p -> assertThat(DevnetApi.number(p.get("cost"))).isEqualTo(cost));
    }

    @Test
    void aLyingWorkerIsOutvotedAndItsProviderLosesStakeWhileHonestProvidersKeepTheirs() {
        // a provider of its own, with the minimum stake and more, enrols the cheating worker's key
        Tenant cheater = api.tenant("cheater", "provider", 50_000_000);
        assertThat(api.call(
                                "POST",
                                "/api/v1/providers/me/stake",
                                cheater.key(),
                                Map.of("amount", 20_000_000, "lockDays", 7))
                        .status())
                .isEqualTo(201);
        assertThat(api.call(
                                "POST",
                                "/api/v1/providers/me/workers",
                                cheater.key(),
                                Map.of(
                                        "publicKey",
                                        devnet.workerPublicKey("worker-liar"),
                                        "slots",
                                        2,
                                        "pricePerCpuSecond",
                                        10_000))
                        .status())
                .isEqualTo(201);
        String honest = devnet.providerApiKey();
        long honestStake = DevnetApi.number(
                api.call("GET", "/api/v1/accounts/me", honest, null).body().get("stake"));

        devnet.startUnenrolledWorker("worker-liar", Map.of("dcp.worker.forge-outputs", "true"));
        String liarId = devnet.workerIdOf("worker-liar");
        try {
            Eventually.await(
                    "the liar online",
                    Duration.ofSeconds(30),
                    () -> api.workers().stream()
                                    .anyMatch(w -> liarId.equals(w.get("id")) && "ONLINE".equals(w.get("status")))
                            ? true
                            : null);
            Tenant erin = consumer("erin", 100_000_000);
            // the liar answers whatever reaches it once the consumer group has given it partitions: jobs until it has
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!api.rejected(liarId) && System.nanoTime() < deadline) {
                String job = api.submit(
                        erin,
                        Map.of(
                                "kind",
                                "primes",
                                "input",
                                Map.of("from", 0, "to", 4_000_000),
                                "parallelism",
                                24,
                                "redundancy",
                                2,
                                "maxCredits",
                                10_000_000));
                Map<String, Object> ended = api.awaitEnd(erin, job);
                assertThat(ended.get("status")).isEqualTo("COMPLETED");
                assertThat(ended.get("result"))
                        .as("a lie never reaches a result")
                        .isEqualTo(Map.of("count", 283_146));
            }
            assertThat(api.rejected(liarId)).as("the liar was outvoted").isTrue();
            Eventually.await(
                    "the cheating provider slashed",
                    Duration.ofSeconds(20),
                    () -> DevnetApi.number(api.call("GET", "/api/v1/accounts/me", cheater.key(), null)
                                            .body()
                                            .get("stake"))
                                    < 20_000_000
                            ? true
                            : null);
            Eventually.await(
                    "the slash on the chain",
                    Duration.ofSeconds(30),
                    () -> api.chainTransactions().stream()
                                    .filter(tx -> "STAKE_SLASH".equals(tx.get("type")))
                                    .map(this::payload)
                                    .anyMatch(p ->
                                            cheater.id().equals(p.get("account")) && liarId.equals(p.get("worker")))
                            ? true
                            : null);
            Map<String, Object> liar = api.workers().stream()
                    .filter(w -> liarId.equals(w.get("id")))
                    .findFirst()
                    .orElseThrow();
            assertThat(((Number) liar.get("reputation")).doubleValue()).isLessThan(0.5);
            assertThat(DevnetApi.number(api.call("GET", "/api/v1/accounts/me", honest, null)
                            .body()
                            .get("stake")))
                    .as("the honest provider's stake")
                    .isEqualTo(honestStake);
        } finally {
            devnet.stop("worker-liar");
        }
    }

    @Test
    void creditsAreConservedAndEveryReplayAgreesAfterARandomMixOfJobs() {
        Random random = new Random(7);
        List<Tenant> tenants =
                List.of(consumer("mix-1", 80_000_000), consumer("mix-2", 80_000_000), consumer("mix-3", 80_000_000));
        List<String[]> submitted = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Tenant t = tenants.get(random.nextInt(tenants.size()));
            long to = 1_000_000L + random.nextInt(20_000_000);
            Reply r = api.call(
                    "POST",
                    "/api/v1/jobs",
                    t.key(),
                    Map.of(
                            "kind",
                            "primes",
                            "input",
                            Map.of("from", 0, "to", to),
                            "parallelism",
                            1 + random.nextInt(8),
                            "redundancy",
                            1 + random.nextInt(2),
                            "maxCredits",
                            random.nextInt(400_000)));
            assertThat(r.status()).isEqualTo(202);
            String id = (String) r.body().get("id");
            submitted.add(new String[] {t.key(), id});
            if (random.nextInt(3) == 0) {
                api.call("DELETE", "/api/v1/jobs/" + id, t.key(), null);
            }
        }
        for (String[] s : submitted) {
            api.awaitEnd(new Tenant(null, s[0]), s[1]);
        }
        Map<String, Object> audit =
                Eventually.await("the ledger caught up with contract-service", Duration.ofSeconds(60), () -> {
                    Map<String, Object> a = api.call("GET", "/api/v1/audit/credits", ADMIN_KEY, null)
                            .body();
                    return Boolean.TRUE.equals(DevnetApi.asMap(a.get("ledger")).get("matches")) ? a : null;
                });
        assertThat(audit.get("conserved")).isEqualTo(true);
        assertThat((List<?>) audit.get("negativeAccounts")).isEmpty();
        assertThat(DevnetApi.number(audit.get("held")))
                .isEqualTo(DevnetApi.number(audit.get("deposits")) - DevnetApi.number(audit.get("slashed")));

        // an independent replay of the chain, by the table in API.md, agrees with every tenant's account
        Map<String, long[]> replayed = new HashMap<>();
        replay(api.chainTransactions()).forEach((k, v) -> replayed.put(k, new long[] {v.get(0), v.get(1), v.get(2)}));
        for (Tenant t : tenants) {
            Map<String, Object> me =
                    api.call("GET", "/api/v1/accounts/me", t.key(), null).body();
            assertThat(replayed.get(t.id()))
                    .as(t.id())
                    .containsExactly(
                            DevnetApi.number(me.get("balance")),
                            DevnetApi.number(me.get("escrowed")),
                            DevnetApi.number(me.get("stake")));
            Map<String, Object> ledger = api.call(
                            "GET", "/api/v1/ledger/accounts/" + t.id() + "/balance", t.key(), null)
                    .body();
            assertThat(DevnetApi.number(ledger.get("balance"))).isEqualTo(DevnetApi.number(me.get("balance")));
        }
        long total =
                replayed.values().stream().mapToLong(v -> v[0] + v[1] + v[2]).sum();
        assertThat(total).isEqualTo(DevnetApi.number(audit.get("held")));
    }

    // --- the chain, replayed here without dcp code ---

    /** Every account's [balance, escrowed, stake] by the table of API.md, over the chain in order. */
    private Map<String, List<Long>> replay(List<Map<String, Object>> chain) {
        Map<String, long[]> acc = new HashMap<>();
        for (Map<String, Object> tx : chain) {
            Map<String, Object> p = payload(tx);
            long amount = p.get("amount") == null ? 0 : DevnetApi.number(p.get("amount"));
            switch ((String) tx.get("type")) {
                case "DEPOSIT" -> add(acc, p.get("account"), amount, 0, 0);
                case "ESCROW_LOCK" -> add(acc, p.get("account"), -amount, amount, 0);
                case "ESCROW_RELEASE" -> add(acc, p.get("account"), amount, -amount, 0);
                case "PAYMENT" -> {
                    add(acc, p.get("from"), 0, -amount, 0);
                    add(acc, p.get("to"), amount, 0, 0);
                }
                case "STAKE_BOND" -> add(acc, p.get("account"), -amount, 0, amount);
                case "STAKE_UNBOND" -> add(acc, p.get("account"), amount, 0, -amount);
                case "STAKE_SLASH" -> add(acc, p.get("account"), 0, 0, -amount);
                default -> {}
            }
        }
        Map<String, List<Long>> out = new HashMap<>();
        acc.forEach((k, v) -> out.put(k, List.of(v[0], v[1], v[2])));
        return out;
    }

    private static void add(Map<String, long[]> acc, Object account, long balance, long escrowed, long stake) {
        long[] v = acc.computeIfAbsent((String) account, k -> new long[3]);
        v[0] += balance;
        v[1] += escrowed;
        v[2] += stake;
        assertThat(v[0] >= 0 && v[1] >= 0 && v[2] >= 0)
                .as("account " + account + " never negative")
                .isTrue();
    }

    // --- helpers ---

    private void awaitLedgerBalance(Tenant t, long balance) {
        Eventually.await("the ledger's replay of " + t.id(), Duration.ofSeconds(60), () -> {
            Map<String, Object> b = api.call("GET", "/api/v1/ledger/accounts/" + t.id() + "/balance", t.key(), null)
                    .body();
            return (DevnetApi.number(b.get("balance")) == balance && DevnetApi.number(b.get("escrowed")) == 0)
                    ? true
                    : null;
        });
    }

    private Tenant consumer(String name, long deposit) {
        return api.tenant(name, "consumer", deposit);
    }

    private List<Map<String, Object>> jobs(Tenant t) {
        List<Map<String, Object>> items = new ArrayList<>();
        ((List<?>) api.call("GET", "/api/v1/jobs", t.key(), null).body().get("items"))
                .forEach(i -> items.add(DevnetApi.asMap(i)));
        return items;
    }

    private Map<String, Object> payload(Map<String, Object> tx) {
        return DevnetApi.asMap(tx.get("payload"));
    }
}
