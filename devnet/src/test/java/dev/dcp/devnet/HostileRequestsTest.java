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
import java.util.Properties;
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

    /** -Dhostile.keepGoing=true: every violation of the run at the end instead of the first one alone. */
    static final boolean KEEP_GOING = Boolean.getBoolean("hostile.keepGoing");

    final List<String> violations = new ArrayList<>();
    /** Set when a try failed: jqwik reports that request, and what follows the property has nothing to add. */
    boolean failed;

    Map<String, Object> before;
    int requests;

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
        requests = 0;
    }

    @Property(tries = 10_000, seed = SEED, shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void aHostileRequestIsRefusedWithAProblemDocumentAndNeverA5xx(@ForAll("hostile") Wire request) throws IOException {
        Optional<RawHttp.Response> answer = RawHttp.exchange(port, request.bytes(), request.closeOutput(), 30_000);
        requests++;
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
            Map<String, Object> problem = Json.readMap(response.text());
            assertThat(problem)
                    .as("the problem document answering " + request)
                    .containsKeys("type", "title", "status", "detail")
                    .containsEntry("status", status);
        }
    }

    @AfterProperty
    void nothingChangedAndNoSecretWasLogged() throws IOException {
        if (failed || requests < 10_000) {
            return; // the property failed (in a try or while generating one): jqwik reports that, not this
        }
        Map<String, Object> after = observableState();
        List<String> changed = new ArrayList<>();
        before.forEach((k, v) -> {
            if (!v.equals(after.get(k))) {
                changed.add(k + ":\n  before " + v + "\n  after  " + after.get(k));
            }
        });
        SECRETS.addAll(secretsInTheStateDirectory());
        assertThat(CapturedLogs.count()).isLessThan(CapturedLogs.MAX_EVENTS);
        List<String> leaks = new ArrayList<>();
        for (String event : CapturedLogs.events()) {
            for (String secret : SECRETS) {
                if (event.contains(secret)) {
                    leaks.add(event.substring(0, Math.min(event.length(), 2000)));
                }
            }
        }
        assertThat(violations)
                .as(violations.size() + " violations:\n" + String.join("\n", violations))
                .isEmpty();
        assertThat(changed).as("what hostile requests changed").isEmpty();
        assertThat(leaks).as("log events holding a secret").isEmpty();
    }

    @Provide
    Arbitrary<Wire> hostile() {
        return new HostileRequests(fixture).anyWire();
    }

    /** The admin key, the devnet provider's key and the internal secret, as the devnet keeps them. */
    static Set<String> secretsInTheStateDirectory() throws IOException {
        Set<String> found = new LinkedHashSet<>();
        found.add(ADMIN_KEY);
        Path admin = state.resolve("admin.key");
        if (Files.exists(admin)) {
            found.add(Files.readString(admin).strip());
        }
        found.add(Files.readString(state.resolve("provider.key")).strip());
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(state.resolve("devnet.properties"))) {
            p.load(in);
        }
        p.stringPropertyNames().stream()
                .filter(k -> k.contains("secret") || k.contains("password") || k.endsWith(".key"))
                .map(p::getProperty)
                .forEach(found::add);
        assertThat(p.getProperty("internal.secret")).isNotBlank();
        found.removeIf(String::isBlank);
        return found;
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
