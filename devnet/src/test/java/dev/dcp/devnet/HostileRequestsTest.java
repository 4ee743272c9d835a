package dev.dcp.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.json.Json;
import dev.dcp.devnet.DevnetApi.Tenant;
import dev.dcp.devnet.HostileRequests.Fixture;
import dev.dcp.devnet.HostileRequests.Wire;
import dev.dcp.testkit.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Ten thousand requests the API must refuse, through the gateway of one devnet: malformed, oversized, truncated,
 * of the wrong type, with path tricks and every kind of key. None may answer 5xx, every refusal is an RFC 9457
 * problem document, no refused request changes anything, and no log event of the run holds a secret.
 *
 * <p>The seed is fixed so that a failure reproduces; jqwik prints it with the failing request. Another seed:
 * change {@link #SEED}.
 */
class HostileRequestsTest {

    static final String SEED = "20260518";
    static final String ADMIN_KEY = "dcp_admin_hostile_" + Long.toHexString(Double.doubleToLongBits(Math.random()));

    /** What must never appear in a log event; other tests' secrets (broker passwords…) may be added here. */
    static final Set<String> SECRETS = new LinkedHashSet<>();

    static Path state;
    static Devnet devnet;
    static DevnetApi api;
    static Fixture fixture;
    static List<String> tenantKeys;
    static List<String> tenantIds;
    static int port;

    /**
     * Every violation of the run, reported after the property, instead of the first one alone: {@code
     * -Dhostile.keepGoing=true} on the Maven command line (Surefire hands user properties to its fork) or {@code
     * HOSTILE_KEEP_GOING=true} in the environment. Read when the property starts, not when the class loads.
     */
    static boolean keepGoing() {
        return Boolean.parseBoolean(System.getProperty("hostile.keepGoing"))
                || Boolean.parseBoolean(System.getenv("HOSTILE_KEEP_GOING"));
    }

    static final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
    static final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    static boolean keepGoing;
    static long started;

    static Map<String, Object> before;

    @BeforeContainer
    static void startDevnet() throws IOException {
        // the flood must meet the API, not the gateway's rate limit
        System.setProperty("dcp.gateway.rate-limit.enabled", "false");
        System.setProperty("dcp.gateway.rate-limit.capacity", "1000000000");
        CapturedLogs.begin();
        state = Files.createTempDirectory("dcp-hostile");
        devnet = Devnet.start(new DevnetConfig(state, 0, 1, ADMIN_KEY, false));
        port = URI.create(devnet.gatewayUrl()).getPort();
        api = new DevnetApi(devnet.gatewayUrl(), ADMIN_KEY);
        api.awaitEligibleWorkers(1, Duration.ofSeconds(60));

        Tenant alice = api.tenant("alice", "consumer", 50_000_000);
        Tenant bob = api.tenant("bob", "consumer", 0);
        Tenant carol = api.tenant("carol", "provider", 3_000_000);
        String job = api.submit(
                alice, Map.of("kind", "primes", "input", Map.of("from", 0, "to", 100_000), "maxCredits", 1_000_000));
        assertThat(api.awaitEnd(alice, job).get("status")).isEqualTo("COMPLETED");
        String providerId = (String) api.call("GET", "/api/v1/accounts/me", devnet.providerApiKey(), null)
                .body()
                .get("id");
        tenantKeys = List.of(alice.key(), bob.key(), carol.key(), devnet.providerApiKey());
        tenantIds = List.of(alice.id(), bob.id(), carol.id(), providerId);
        String anyTransaction = (String) api.chainTransactions().get(0).get("id");
        fixture =
                new Fixture(ADMIN_KEY, tenantKeys, tenantIds, job, anyTransaction, devnet.workerPublicKey("worker-1"));
        SECRETS.addAll(tenantKeys);
    }

    @AfterContainer
    static void stopDevnet() throws IOException {
        CapturedLogs.end();
        if (devnet != null) {
            devnet.close();
        }
        if (state != null) {
            try (Stream<Path> files = Files.walk(state)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @BeforeProperty
    void rememberTheState() {
        before = observableState();
        requests.set(0);
        violations.clear();
        keepGoing = keepGoing();
        started = System.nanoTime();
    }

    @Property(tries = 10_000, seed = SEED, shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void aHostileRequestIsRefusedWithAProblemDocumentAndNeverA5xx(@ForAll("hostile") Wire request) throws IOException {
        Optional<RawHttp.Response> answer = RawHttp.exchange(port, request.bytes(), request.closeOutput(), 30_000);
        requests.incrementAndGet();
        try {
            check(request, answer);
        } catch (AssertionError e) {
            if (!keepGoing) {
                throw e;
            }
            violations.add("#" + requests.get() + " " + e.getMessage());
        }
    }

    static void check(Wire request, Optional<RawHttp.Response> answer) {
        if (answer.isEmpty()) {
            // only a request whose body never arrived in full may go unanswered: the server saw the sender give up
            assertThat(request.closeOutput()).as("an answer to " + request).isTrue();
            return;
        }
        RawHttp.Response response = answer.get();
        int status = response.status();
        assertThat(status)
                .as("the status of " + request + "\n→ " + response.text())
                .isLessThan(500);
        if (request.mutating()) {
            assertThat(status)
                    .as("a refusal of " + request + "\n→ " + response.text())
                    .isGreaterThanOrEqualTo(400);
        }
        if (status >= 400) {
            assertThat(response.header("Content-Type"))
                    .as("the content type of the " + status + " to " + request + "\n→ " + response.text())
                    .isNotNull()
                    .startsWith("application/problem+json");
            Map<String, Object> problem;
            try {
                problem = Json.readMap(response.text());
            } catch (RuntimeException e) {
                throw new AssertionError("the " + status + " to " + request + " is not JSON: " + response.text(), e);
            }
            assertThat(problem)
                    .as("the problem document answering " + request)
                    .containsKeys("type", "title", "status", "detail")
                    .containsEntry("status", status);
        }
    }

    @AfterProperty
    void nothingChangedAndNoSecretWasLogged() {
        // always, also after a failed try: whatever the requests until then changed or logged is reported too
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.println("HostileRequestsTest: " + requests.get() + " requests in " + seconds + " s, "
                + violations.size() + " violations");
        Map<String, Object> after = observableState();
        List<String> changed = new ArrayList<>();
        before.forEach((k, v) -> {
            if (!v.equals(after.get(k))) {
                changed.add(k + ":\n  before " + v + "\n  after  " + after.get(k));
            }
        });
        SECRETS.add(ADMIN_KEY);
        SECRETS.addAll(devnet.secrets());
        SECRETS.removeIf(String::isBlank);
        assertThat(SECRETS).as("the secrets to look for").hasSizeGreaterThan(tenantKeys.size() + 1);
        assertThat(CapturedLogs.count()).isLessThan(CapturedLogs.MAX_EVENTS);
        List<String> leaks = new ArrayList<>();
        for (String event : CapturedLogs.events()) {
            for (String secret : SECRETS) {
                if (event.contains(secret)) {
                    leaks.add(event.substring(0, Math.min(event.length(), 2000)));
                }
            }
        }
        try {
            // every violation in full, for whoever reads more than the first 200
            Files.write(Path.of("target", "hostile-violations.txt"), violations);
        } catch (IOException e) {
            throw unchecked(e);
        }
        List<String> problems = new ArrayList<>();
        if (!violations.isEmpty()) {
            List<String> shown = new ArrayList<>(violations.subList(0, Math.min(violations.size(), 200)));
            problems.add(violations.size() + " violations (the first " + shown.size() + "):\n"
                    + String.join(
                            "\n\n",
                            shown.stream()
                                    .map(v -> v.substring(0, Math.min(v.length(), 1500)))
                                    .toList()));
        }
        if (!changed.isEmpty()) {
            problems.add("what hostile requests changed:\n" + String.join("\n", changed));
        }
        if (!leaks.isEmpty()) {
            problems.add(leaks.size() + " log events holding a secret:\n"
                    + String.join("\n", leaks.subList(0, Math.min(leaks.size(), 50))));
        }
        assertThat(problems).as(String.join("\n\n", problems)).isEmpty();
    }

    @Provide
    Arbitrary<Wire> hostile() {
        return new HostileRequests(fixture).anyWire();
    }

    /** Everything a refused request could have changed, read through the gateway once the chain is still. */
    static Map<String, Object> observableState() {
        Map<String, Object> ledger = Eventually.await("the chain settled", Duration.ofSeconds(60), () -> {
            Map<String, Object> first =
                    api.call("GET", "/api/v1/ledger/status", ADMIN_KEY, null).body();
            sleep(1500);
            Map<String, Object> second =
                    api.call("GET", "/api/v1/ledger/status", ADMIN_KEY, null).body();
            return DevnetApi.number(second.get("pendingTransactions")) == 0
                            && first.get("height").equals(second.get("height"))
                    ? second
                    : null;
        });
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("height", ledger.get("height"));
        s.put("lastHash", ledger.get("lastHash"));
        List<Map<String, Object>> chain = api.chainTransactions();
        s.put("transactions", chain.size());
        s.put(
                "tenantsCreated",
                chain.stream()
                        .filter(t -> "TENANT_CREATED".equals(t.get("type")))
                        .count());
        s.put(
                "ledgerBalances",
                api.call("GET", "/api/v1/ledger/accounts?limit=500", ADMIN_KEY, null)
                        .body());
        for (String id : tenantIds) {
            s.put(
                    "ledger " + id,
                    api.call("GET", "/api/v1/ledger/accounts/" + id + "/balance", ADMIN_KEY, null)
                            .body());
        }
        for (String key : tenantKeys) {
            s.put(
                    "account " + key,
                    api.call("GET", "/api/v1/accounts/me", key, null).body());
            s.put(
                    "statement " + key,
                    api.call("GET", "/api/v1/accounts/me/statement?limit=500", key, null)
                            .body());
            s.put(
                    "jobs " + key,
                    api.call("GET", "/api/v1/jobs?limit=500", key, null).body());
        }
        s.put(
                "all jobs",
                api.call("GET", "/api/v1/jobs?limit=500", ADMIN_KEY, null).body());
        s.put(
                "enrolments",
                api.call("GET", "/api/v1/providers/me/workers", devnet.providerApiKey(), null)
                        .body());
        s.put(
                "carol's enrolments",
                api.call("GET", "/api/v1/providers/me/workers", tenantKeys.get(2), null)
                        .body());
        // heartbeats move lastSeen and busy slots; who is enrolled, at what price, and their tallies may not move
        s.put(
                "workers",
                api.workers().stream()
                        .map(w -> List.of(
                                String.valueOf(w.get("id")),
                                String.valueOf(w.get("providerId")),
                                String.valueOf(w.get("slots")),
                                String.valueOf(w.get("pricePerCpuSecond")),
                                String.valueOf(w.get("accepted")),
                                String.valueOf(w.get("rejected")),
                                String.valueOf(w.get("enrolled"))))
                        .toList());
        return s;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
