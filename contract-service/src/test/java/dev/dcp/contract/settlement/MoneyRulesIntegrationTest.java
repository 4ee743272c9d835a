package dev.dcp.contract.settlement;

import static dev.dcp.contract.support.ContractCalls.awaitConsumed;
import static dev.dcp.contract.support.ContractCalls.endOffset;
import static dev.dcp.contract.support.ContractCalls.ledgerTransactionsFrom;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.event.Topics;
import dev.dcp.common.event.WorkerOutvoted;
import dev.dcp.common.json.Json;
import dev.dcp.common.kafka.KafkaClients;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.contract.support.ContractCalls;
import dev.dcp.contract.support.ContractCalls.Reply;
import dev.dcp.testkit.ManualClock;
import dev.dcp.testkit.ServiceTestSupport;
import dev.dcp.testkit.SharedInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * contract-service's money rules against real PostgreSQL and Kafka, with the test in the scheduler's place:
 * admissions, settlements and outvotes as the scheduler sends them, and every movement checked in the accounts
 * and in the signed transactions published for the ledger. The service's clock stands still unless a test moves it,
 * so that waits and locks come out exact.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=contract",
            "dcp.contract.min-stake=1000",
            "dcp.contract.slash-fraction=0.1",
            "dcp.contract.ledger-url=http://127.0.0.1:9"
        })
class MoneyRulesIntegrationTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestSupport.register(registry, "contract", dataDir);
    }

    /** Replaces the service's system clock. */
    @TestConfiguration
    static class FixedTime {

        @Bean
        @Primary
        ManualClock manualClock() {
            return new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ManualClock clock;

    @Autowired
    JdbcTemplate jdbc;

    ContractCalls calls;

    /** A provider with stake and one enrolled worker key. */
    record Provider(String id, Caller caller, Ed25519.KeyPair worker, String workerId) {}

    @BeforeEach
    void client() {
        calls = new ContractCalls(port);
    }

    @Test
    void admissionLocksMaxCreditsInEscrowAndAShortBalanceIsA402ThatChangesNothing() {
        Caller alice = consumer("alice", 10_000);
        String job = UUID.randomUUID().toString();
        assertThat(admit(job, alice, 4_000, 2).status()).isEqualTo(200);
        assertThat(admit(job, alice, 4_000, 2).status())
                .as("asking twice admits once")
                .isEqualTo(200);
        assertAccount(alice, 6_000, 4_000);

        String refused = UUID.randomUUID().toString();
        Reply short402 = admit(refused, alice, 7_000, 1);
        assertThat(short402.status()).isEqualTo(402);
        assertThat(short402.body()).containsEntry("title", "Insufficient credits");
        assertAccount(alice, 6_000, 4_000);
        assertThat(settle(refused, alice, "FAILED", List.of()).get("cost"))
                .as("no escrow was made")
                .isEqualTo(0);
        assertAccount(alice, 6_000, 4_000);
    }

    @Test
    void quotasAnswer429WithRetryAfterAndAJobBeyondTheRateIsA400() {
        Caller bob = consumer("bob", 1_000_000);
        assertThat(call(
                                "PUT",
                                "/api/v1/tenants/" + bob.tenantId() + "/quota",
                                Caller.admin(),
                                Map.of("concurrentJobs", 1, "subtasksPerMinute", 10))
                        .status())
                .isEqualTo(200);
        String first = UUID.randomUUID().toString();
        assertThat(admit(first, bob, 100, 1).status()).isEqualTo(200);

        Reply busy = admit(UUID.randomUUID().toString(), bob, 100, 1);
        assertThat(busy.status()).isEqualTo(429);
        assertThat(busy.retryAfter()).as("a running job may end at any moment").isEqualTo("1");
        assertThat(busy.body()).containsEntry("title", "Too many running jobs");

        settle(first, bob, "COMPLETED", List.of());
        Reply overRate = admit(UUID.randomUUID().toString(), bob, 100, 10);
        assertThat(overRate.status()).as("9 of 10 subtasks left this minute").isEqualTo(429);
        assertThat(overRate.retryAfter())
                .as("the tenth refills in 6 s at 10 a minute")
                .isEqualTo("6");
        assertThat(overRate.body()).containsEntry("title", "Subtask quota exceeded");
        assertThat(admit(UUID.randomUUID().toString(), bob, 100, 11).status()).isEqualTo(400);

        clock.advance(Duration.ofSeconds(5));
        assertThat(admit(UUID.randomUUID().toString(), bob, 100, 10).retryAfter())
                .isEqualTo("1");
        clock.advance(Duration.ofSeconds(1));
        String refilled = UUID.randomUUID().toString();
        assertThat(admit(refilled, bob, 100, 10).status())
                .as("6 s later the ten fit")
                .isEqualTo(200);
        settle(refilled, bob, "COMPLETED", List.of());
        assertAccount(bob, 1_000_000, 0);
    }

    @Test
    void settlementPaysAcceptedWorkOnceAndReleasesTheRestEvenWhenAskedTwiceAtOnce() throws Exception {
        Provider p = provider("paid-provider", 5_000, 1_000);
        Caller carol = consumer("carol", 1_000_000);
        String job = UUID.randomUUID().toString();
        admit(job, carol, 100_000, 4);
        long offset = endOffset(jdbc);
        long providerBalance = balanceOf(p.caller());

        List<Map<String, Object>> work =
                List.of(Map.of("workerKey", p.worker().publicKeyHex(), "units", 2_500, "replicas", 2));
        CompletableFuture<Map<String, Object>> one =
                CompletableFuture.supplyAsync(() -> settle(job, carol, "COMPLETED", work));
        CompletableFuture<Map<String, Object>> two =
                CompletableFuture.supplyAsync(() -> settle(job, carol, "COMPLETED", work));
        List<Map<String, Object>> both = List.of(one.get(), two.get());
        assertThat(both).extracting(s -> ((Number) s.get("cost")).longValue()).containsOnly(2_500L);
        assertThat(both).extracting(s -> s.get("repeated")).containsExactlyInAnyOrder(true, false);

        assertAccount(carol, 1_000_000 - 2_500, 0);
        assertThat(balanceOf(p.caller())).isEqualTo(providerBalance + 2_500);
        List<Transaction> published = ledgerTransactionsFrom(offset, jdbc);
        assertThat(published)
                .filteredOn(tx -> job.equals(tx.payload().get("job")))
                .extracting(Transaction::type)
                .containsExactlyInAnyOrder("PAYMENT", "ESCROW_RELEASE");
        assertThat(published)
                .filteredOn(tx -> tx.type().equals("PAYMENT"))
                .singleElement()
                .satisfies(tx -> {
                    assertThat(tx.payload())
                            .containsEntry("from", carol.tenantId())
                            .containsEntry("to", p.id())
                            .containsEntry("amount", 2_500)
                            .containsEntry("worker", p.workerId());
                    assertThat(tx.isAuthentic()).isTrue();
                });
        assertThat(enrolment(p).get("accepted")).isEqualTo(2);
        // a run of two accepted answers: 2 / (2 + 1), the provider's only worker's score
        assertThat(((Number) call("GET", "/api/v1/accounts/me", p.caller(), null)
                                .body()
                                .get("reputation"))
                        .doubleValue())
                .isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aJobNeverCostsMoreThanItsEscrowAndAFailedJobWithoutAcceptedWorkReturnsItAll() {
        Provider p = provider("capped-provider", 1_000, 5_000);
        Caller dan = consumer("dan", 50_000);
        String capped = UUID.randomUUID().toString();
        admit(capped, dan, 1_000, 1);
        Map<String, Object> settled = settle(
                capped,
                dan,
                "CANCELLED",
                List.of(Map.of("workerKey", p.worker().publicKeyHex(), "units", 5_000, "replicas", 1)));
        assertThat(settled).containsEntry("cost", 1_000).containsEntry("released", 0);
        assertAccount(dan, 49_000, 0);

        String failed = UUID.randomUUID().toString();
        admit(failed, dan, 20_000, 3);
        assertAccount(dan, 29_000, 20_000);
        assertThat(settle(failed, dan, "FAILED", List.of()))
                .containsEntry("cost", 0)
                .containsEntry("released", 20_000);
        assertAccount(dan, 49_000, 0);
    }

    @Test
    void anOutvotedWorkerCostsItsProviderAShareOfItsStakeOnceHoweverOftenTheEventComes() throws Exception {
        Provider p = provider("lying-provider", 10_000, 1_000);
        String job = UUID.randomUUID().toString();
        WorkerOutvoted outvoted = WorkerOutvoted.of(
                job,
                "some-tenant",
                3,
                UUID.randomUUID().toString(),
                p.workerId(),
                p.worker().publicKeyHex(),
                "ab".repeat(32),
                "cd".repeat(32),
                clock.millis());
        List<RecordMetadata> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer =
                KafkaClients.producer(SharedInfrastructure.kafka().bootstrapServers(), "contract-test-outvotes")) {
            for (int i = 0; i < 3; i++) {
                sent.add(producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, job, Json.write(outvoted)))
                        .get());
            }
        }
        // the slashing listener has handled the event and both duplicates once its group has committed past them
        awaitConsumed("contract-slashing", sent);
        assertThat(stakeOf(p.caller())).isEqualTo(9_000);
        Map<String, Object> enrolment = enrolment(p);
        assertThat(enrolment).containsEntry("rejected", 1).containsEntry("consecutiveValid", 0);
        assertThat(call("GET", "/api/v1/accounts/me", p.caller(), null).body()).containsEntry("reputation", 0.0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines =
                (List<Map<String, Object>>) call("GET", "/api/v1/accounts/me/statement", p.caller(), null)
                        .body()
                        .get("items");
        assertThat(lines)
                .filteredOn(l -> "STAKE_SLASH".equals(l.get("type")))
                .singleElement()
                .satisfies(l -> assertThat(l).containsEntry("amount", 1_000).containsEntry("jobId", job));
    }

    @Test
    void onlyAProviderHoldingTheMinimumStakeHasEligibleWorkers() {
        Caller frank = new Caller(createTenant("frank", "provider", 5_000), Caller.Role.PROVIDER);
        Ed25519.KeyPair key = Ed25519.generate();
        assertThat(call(
                                "POST",
                                "/api/v1/providers/me/workers",
                                frank,
                                Map.of("publicKey", key.publicKeyHex(), "slots", 2, "pricePerCpuSecond", 10))
                        .status())
                .isEqualTo(201);
        assertThat(call(
                                "POST",
                                "/api/v1/providers/me/workers",
                                frank,
                                Map.of("publicKey", key.publicKeyHex(), "slots", 2, "pricePerCpuSecond", 10))
                        .status())
                .isEqualTo(409);
        assertThat(eligible(key)).isFalse();

        assertThat(call("POST", "/api/v1/providers/me/stake", frank, Map.of("amount", 6_000, "lockDays", 1))
                        .status())
                .isEqualTo(402);
        assertThat(call("POST", "/api/v1/providers/me/stake", frank, Map.of("amount", 999, "lockDays", 1))
                        .status())
                .isEqualTo(201);
        assertThat(eligible(key)).as("999 is below the minimum of 1000").isFalse();
        Reply staked = call("POST", "/api/v1/providers/me/stake", frank, Map.of("amount", 1, "lockDays", 1));
        assertThat(staked.status()).isEqualTo(201);
        assertThat(staked.body()).containsEntry("stake", 1_000).containsKey("lockedUntil");
        assertThat(eligible(key)).isTrue();
        assertThat(call("POST", "/api/v1/providers/me/unbond", frank, Map.of("amount", 1))
                        .status())
                .as("the stake is locked for a day")
                .isEqualTo(409);

        Caller consumer = consumer("grace", 10_000);
        assertThat(call("POST", "/api/v1/providers/me/stake", consumer, Map.of("amount", 10, "lockDays", 1))
                        .status())
                .isEqualTo(403);
        assertThat(call(
                                "POST",
                                "/api/v1/providers/me/workers",
                                frank,
                                Map.of("publicKey", "xyz", "slots", 0, "pricePerCpuSecond", -1))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aStakeUnbondsOnlyOnceItsLockHasPassed() {
        Caller henry = new Caller(createTenant("henry", "provider", 5_000), Caller.Role.PROVIDER);
        Reply staked = call("POST", "/api/v1/providers/me/stake", henry, Map.of("amount", 3_000, "lockDays", 2));
        assertThat(staked.status()).isEqualTo(201);
        assertThat(staked.body())
                .containsEntry(
                        "lockedUntil", clock.instant().plus(Duration.ofDays(2)).toString());

        clock.advance(Duration.ofDays(2).minusSeconds(1));
        Reply locked = call("POST", "/api/v1/providers/me/unbond", henry, Map.of("amount", 1_000));
        assertThat(locked.status()).isEqualTo(409);
        assertThat(locked.body()).containsEntry("title", "Stake is locked");

        clock.advance(Duration.ofSeconds(1));
        Reply unbonded = call("POST", "/api/v1/providers/me/unbond", henry, Map.of("amount", 1_000));
        assertThat(unbonded.status()).isEqualTo(200);
        assertThat(unbonded.body()).containsEntry("stake", 2_000).containsEntry("balance", 3_000);
        assertThat(call("POST", "/api/v1/providers/me/unbond", henry, Map.of("amount", 2_001))
                        .body())
                .containsEntry("title", "Not that much stake");
    }

    @Test
    void creditsAreConservedAndNeverNegativeAfterARandomMixOfEverything() throws Exception {
        Random random = new Random(42);
        List<Provider> providers = List.of(provider("mix-p1", 50_000, 700), provider("mix-p2", 50_000, 1_300));
        List<Caller> consumers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            consumers.add(consumer("mix-c" + i, 200_000 + random.nextInt(100_000)));
        }
        List<RecordMetadata> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer =
                KafkaClients.producer(SharedInfrastructure.kafka().bootstrapServers(), "contract-test-mix")) {
            for (int i = 0; i < 40; i++) {
                Caller c = consumers.get(random.nextInt(consumers.size()));
                String job = UUID.randomUUID().toString();
                if (admit(job, c, random.nextInt(60_000), 1 + random.nextInt(5)).status() != 200) {
                    continue;
                }
                List<Map<String, Object>> work = new ArrayList<>();
                for (Provider p : providers) {
                    if (random.nextBoolean()) {
                        work.add(Map.of(
                                "workerKey",
                                p.worker().publicKeyHex(),
                                "units",
                                random.nextInt(40_000),
                                "replicas",
                                1 + random.nextInt(3)));
                    }
                }
                settle(job, c, List.of("COMPLETED", "FAILED", "CANCELLED").get(random.nextInt(3)), work);
                if (random.nextInt(4) == 0) {
                    Provider p = providers.get(random.nextInt(providers.size()));
                    WorkerOutvoted outvoted = WorkerOutvoted.of(
                            job,
                            "t",
                            0,
                            UUID.randomUUID().toString(),
                            p.workerId(),
                            p.worker().publicKeyHex(),
                            "ab".repeat(32),
                            "cd".repeat(32),
                            clock.millis());
                    sent.add(producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, job, Json.write(outvoted)))
                            .get());
                }
            }
        }
        awaitConsumed("contract-slashing", sent); // every slash applied
        Map<String, Object> audit =
                call("GET", "/api/v1/audit/credits", Caller.admin(), null).body();
        assertThat(audit).containsEntry("conserved", true);
        assertThat((List<?>) audit.get("negativeAccounts")).isEmpty();
        assertThat(((Number) audit.get("held")).longValue())
                .isEqualTo(((Number) audit.get("deposits")).longValue() - ((Number) audit.get("slashed")).longValue());
        assertThat(((Number) audit.get("slashed")).longValue()).isPositive();
        assertThat(call("GET", "/api/v1/audit/credits", consumers.get(0), null).status())
                .isEqualTo(403);
    }

    // --- helpers: the scheduler's and the admin's side of contract-service ---

    @Test
    void storingEscrowsTheRetentionPaysAuditedShardsPeriodByPeriodAndDeletingReturnsTheRest() {
        Provider p = provider("shard-keeper", 5_000, 1_000);
        String keeper = storageWorker(p, 100_000);
        Caller dora = consumer("dora", 10_000_000);
        UUID object = UUID.randomUUID();
        String cid = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
        long offset = endOffset(jdbc);
        long providerBalance = balanceOf(p.caller());

        // 1 GiB coded 2 + 1 kept 10 days at 100,000 a GiB-day: 1.5 GiB × 10 × 100,000
        Reply opened = openLease(object, dora, cid, 1L << 30, 10, List.of(keeper));
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.body()).containsEntry("escrowed", 1_500_000).containsEntry("pricePerGiBDay", 100_000);
        assertThat(openLease(object, dora, cid, 1L << 30, 10, List.of(keeper)).body())
                .as("opening again is the same lease")
                .containsEntry("escrowed", 1_500_000);
        assertAccount(dora, 8_500_000, 1_500_000);

        clock.advance(Duration.ofDays(1));
        // the worker holds one shard of each segment: half of the object's bytes, for a day
        List<Map<String, Object>> holdings = List.of(Map.of("workerId", keeper, "segmentBytes", 1L << 30));
        Map<String, Object> period = Map.of("through", clock.instant().toString(), "holdings", holdings);
        Reply paid = call("POST", "/internal/storage/leases/" + object + "/payments", Caller.admin(), period);
        assertThat(paid.body()).containsEntry("paidNow", 50_000).containsEntry("paid", 50_000);
        assertThat(call("POST", "/internal/storage/leases/" + object + "/payments", Caller.admin(), period)
                        .body())
                .as("a span of time is paid once")
                .containsEntry("paidNow", 0)
                .containsEntry("paid", 50_000);
        assertThat(balanceOf(p.caller())).isEqualTo(providerBalance + 50_000);

        Map<String, Object> closing =
                Map.of("through", clock.instant().toString(), "holdings", holdings, "reason", "deleted");
        Reply closed = call("POST", "/internal/storage/leases/" + object + "/close", Caller.admin(), closing);
        assertThat(closed.body()).containsEntry("status", "CLOSED").containsEntry("released", 1_450_000);
        assertThat(call("POST", "/internal/storage/leases/" + object + "/close", Caller.admin(), closing)
                        .body())
                .as("closing twice releases once")
                .containsEntry("released", 1_450_000);
        assertAccount(dora, 10_000_000 - 50_000, 0);

        List<Transaction> published = ledgerTransactionsFrom(offset, jdbc);
        assertThat(published)
                .filteredOn(tx -> cid.equals(tx.payload().get("object")))
                .extracting(Transaction::type)
                .containsExactly("OBJECT_STORED", "ESCROW_LOCK", "PAYMENT", "ESCROW_RELEASE", "OBJECT_DELETED");
        assertThat(published)
                .filteredOn(tx -> tx.type().equals("OBJECT_STORED"))
                .singleElement()
                .satisfies(tx -> assertThat(tx.payload())
                        .containsEntry("tenant", dora.tenantId())
                        .containsEntry("size", 1 << 30)
                        .containsEntry("k", 2)
                        .containsEntry("m", 1)
                        .containsEntry("merkleRoot", "ab".repeat(32)));
        assertThat(published)
                .filteredOn(tx -> tx.type().equals("PAYMENT"))
                .singleElement()
                .satisfies(tx -> assertThat(tx.payload())
                        .containsEntry("from", dora.tenantId())
                        .containsEntry("to", p.id())
                        .containsEntry("worker", keeper)
                        .containsEntry("amount", 50_000)
                        .doesNotContainKey("job"));
    }

    @Test
    void aLeaseOverTheStorageQuotaIsA413AndOneTheBalanceCannotCoverIsA402AndNeitherChangesAnything() {
        Provider p = provider("quota-keeper", 5_000, 1_000);
        String keeper = storageWorker(p, 1_000_000);
        Caller erin = consumer("erin", 1_000);
        assertThat(call(
                                "PUT",
                                "/api/v1/tenants/" + erin.tenantId() + "/quota",
                                Caller.admin(),
                                Map.of("storageBytes", 1_000))
                        .body())
                .containsEntry("storageBytes", 1_000);
        assertThat(call("GET", "/internal/storage/quotes?tenantId=" + erin.tenantId(), Caller.admin(), null)
                        .body())
                .containsEntry("remainingBytes", 1_000);
        String cid = "bafkreiaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

        Reply over = openLease(UUID.randomUUID(), erin, cid, 1_001, 1, List.of(keeper));
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.body()).containsEntry("title", "Storage quota exceeded");

        // 1,000 bytes × 1.5 × 3,650 days at 1,000,000 a GiB-day is more than 1,000 micro-credits
        Reply dear = openLease(UUID.randomUUID(), erin, cid, 1_000, 3_650, List.of(keeper));
        assertThat(dear.status()).isEqualTo(402);
        assertThat(dear.body()).containsEntry("title", "Insufficient credits");
        assertAccount(erin, 1_000, 0);
        assertThat(call("GET", "/internal/storage/quotes?tenantId=" + erin.tenantId(), Caller.admin(), null)
                        .body())
                .containsEntry("storedBytes", 0);

        Reply fits = openLease(UUID.randomUUID(), erin, cid, 1_000, 1, List.of(keeper));
        assertThat(fits.status()).isEqualTo(201);
        assertThat(call("GET", "/internal/storage/quotes?tenantId=" + erin.tenantId(), Caller.admin(), null)
                        .body())
                .containsEntry("remainingBytes", 0);
    }

    private Reply openLease(UUID object, Caller tenant, String cid, long size, int days, List<String> workers) {
        Map<String, Object> terms = new java.util.HashMap<>();
        terms.put("objectId", object.toString());
        terms.put("tenantId", tenant.tenantId());
        terms.put("cid", cid);
        terms.put("size", size);
        terms.put("k", 2);
        terms.put("m", 1);
        terms.put("days", days);
        terms.put("merkleRoot", "ab".repeat(32));
        terms.put("workerIds", workers);
        return call("POST", "/internal/storage/leases", Caller.admin(), terms);
    }

    /** Enrols a second worker key of the provider's that offers 1 GiB for shards at the price; its id. */
    private String storageWorker(Provider p, long pricePerGiBDay) {
        Reply enrolled = call(
                "POST",
                "/api/v1/providers/me/workers",
                p.caller(),
                Map.of(
                        "publicKey",
                        Ed25519.generate().publicKeyHex(),
                        "slots",
                        1,
                        "pricePerCpuSecond",
                        1_000,
                        "storageBytes",
                        1L << 30,
                        "pricePerGiBDay",
                        pricePerGiBDay));
        assertThat(enrolled.status()).as(String.valueOf(enrolled.body())).isEqualTo(201);
        assertThat(enrolled.body()).containsEntry("pricePerGiBDay", (int) pricePerGiBDay);
        return (String) enrolled.body().get("workerId");
    }

    private Caller consumer(String name, long deposit) {
        return new Caller(createTenant(name, "consumer", deposit), Caller.Role.CONSUMER);
    }

    private Provider provider(String name, long stake, long pricePerCpuSecond) {
        String id = createTenant(name, "provider", stake + 1_000_000);
        Caller caller = new Caller(id, Caller.Role.PROVIDER);
        assertThat(call("POST", "/api/v1/providers/me/stake", caller, Map.of("amount", stake, "lockDays", 30))
                        .status())
                .isEqualTo(201);
        Ed25519.KeyPair worker = Ed25519.generate();
        Reply enrolled = call(
                "POST",
                "/api/v1/providers/me/workers",
                caller,
                Map.of("publicKey", worker.publicKeyHex(), "slots", 4, "pricePerCpuSecond", pricePerCpuSecond));
        assertThat(enrolled.status()).isEqualTo(201);
        return new Provider(id, caller, worker, (String) enrolled.body().get("workerId"));
    }

    private String createTenant(String name, String role, long deposit) {
        Reply created = call("POST", "/api/v1/tenants", Caller.admin(), Map.of("name", name, "role", role));
        assertThat(created.status()).isEqualTo(201);
        String id = (String) created.body().get("id");
        if (deposit > 0) {
            assertThat(call("POST", "/api/v1/tenants/" + id + "/deposits", Caller.admin(), Map.of("amount", deposit))
                            .status())
                    .isEqualTo(201);
        }
        return id;
    }

    private Reply admit(String job, Caller tenant, long maxCredits, int subtasks) {
        return call(
                "POST",
                "/internal/admissions",
                Caller.admin(),
                Map.of("jobId", job, "tenantId", tenant.tenantId(), "maxCredits", maxCredits, "subtasks", subtasks));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> settle(String job, Caller tenant, String outcome, List<Map<String, Object>> work) {
        Reply reply = call(
                "POST",
                "/internal/settlements",
                Caller.admin(),
                Map.of(
                        "jobs",
                        List.of(Map.of(
                                "jobId",
                                job,
                                "tenantId",
                                tenant.tenantId(),
                                "outcome",
                                outcome,
                                // units counted in reference milliseconds, so a price per second reads as before
                                "unitsPerReferenceCpuSecond",
                                1_000,
                                "work",
                                work))));
        assertThat(reply.status()).isEqualTo(200);
        return ((List<Map<String, Object>>) reply.body().get("settled")).get(0);
    }

    private void assertAccount(Caller tenant, long balance, long escrowed) {
        Map<String, Object> me =
                call("GET", "/api/v1/accounts/me", tenant, null).body();
        assertThat(((Number) me.get("balance")).longValue()).as("balance").isEqualTo(balance);
        assertThat(((Number) me.get("escrowed")).longValue()).as("escrowed").isEqualTo(escrowed);
    }

    private long balanceOf(Caller tenant) {
        return ((Number) call("GET", "/api/v1/accounts/me", tenant, null).body().get("balance")).longValue();
    }

    private long stakeOf(Caller tenant) {
        return ((Number) call("GET", "/api/v1/accounts/me", tenant, null).body().get("stake")).longValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> enrolment(Provider p) {
        List<Map<String, Object>> items = (List<Map<String, Object>>)
                call("GET", "/internal/workers", Caller.admin(), null).body().get("items");
        return items.stream()
                .filter(e -> p.workerId().equals(e.get("workerId")))
                .findFirst()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private boolean eligible(Ed25519.KeyPair key) {
        List<Map<String, Object>> items = (List<Map<String, Object>>)
                call("GET", "/internal/workers", Caller.admin(), null).body().get("items");
        return items.stream()
                .filter(e -> key.publicKeyHex().equals(e.get("publicKey")))
                .findFirst()
                .map(e -> Boolean.TRUE.equals(e.get("eligible")))
                .orElseThrow();
    }

    private Reply call(String method, String path, Caller caller, Object body) {
        return calls.call(method, path, caller, body);
    }
}
