package dev.dcp.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.event.Topics;
import dev.dcp.common.kafka.BusConnection;
import dev.dcp.devnet.DevnetApi.Tenant;
import dev.dcp.testkit.BusProbe;
import dev.dcp.testkit.Eventually;
import dev.dcp.testkit.GatewayCalls.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bus of a devnet, as a stranger with a provider's credential sees it: only its workers' duties are
 * allowed, everything else is refused by the broker, nobody gets in without a login, and a revoked, rotated or
 * slashed-below-minimum provider's login stops working.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevnetBusSecurityTest {

    static final String ADMIN_KEY = "dcp_admin_bus_security_test_key";

    @TempDir
    static Path state;

    Devnet devnet;
    DevnetApi api;

    @BeforeAll
    void startDevnet() {
        devnet = Devnet.start(new DevnetConfig(state, 0, 2, ADMIN_KEY, false));
        api = new DevnetApi(devnet.gatewayUrl(), ADMIN_KEY);
        api.awaitEligibleWorkers(2, Duration.ofSeconds(30));
    }

    @AfterAll
    void stopDevnet() {
        if (devnet != null) {
            devnet.close();
        }
    }

    @Test
    void aClientWithoutCredentialsOrWithAWrongPasswordCannotConnect() {
        BusConnection anonymous = BusConnection.unauthenticated(devnet.kafka().bootstrapServers());
        try (Admin admin = BusProbe.admin(anonymous)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .as("a plaintext client on a SASL listener")
                    .isNotNull();
        }
        BusConnection wrong = devnet.kafka().connectionAs("scheduler", "not-the-password");
        try (Admin admin = BusProbe.admin(wrong)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aProvidersLoginMayDoItsWorkersDutiesAndNothingElse() {
        BusConnection bus = login(provider("acme", 5_000_000));
        try (KafkaConsumer<String, String> subtasks = BusProbe.consumer(bus, "workers");
                KafkaProducer<String, String> producer = BusProbe.producer(bus)) {
            // allowed: what a worker does
            assertThat(subtasks.partitionsFor(Topics.SUBTASKS)).hasSize(12);
            assertThat(subtasks.partitionsFor(Topics.JOB_CANCELLATIONS)).hasSize(1);
            assertThat(producer.partitionsFor(Topics.RESULTS)).hasSize(4);
            assertThat(producer.partitionsFor(Topics.WORKERS)).hasSize(1);
        }
        // refused: reading job events (they carry results) and the ledger's topics, another service's group,
        // writing subtasks, job events or transactions, and topics, configurations, ACLs and credentials
        BusProbe.assertRefusedBeyondWorkersDuties(
                bus,
                List.of(Topics.JOB_EVENTS, Topics.LEDGER_TX, Topics.LEDGER_BLOCKS, Topics.LEDGER_VOTES),
                List.of(Topics.SUBTASKS, Topics.JOB_EVENTS, Topics.LEDGER_TX));
    }

    @Test
    void aRevokedOrRotatedLoginStopsWorkingEvenOnAnOpenConnection() {
        Tenant provider = provider("globex", 5_000_000);
        BusConnection first = login(provider);
        BusConnection second = login(provider);
        assertThat(second).as("a rotation issues a new password").isNotEqualTo(first);
        BusProbe.assertLoginRefused(first);

        try (KafkaProducer<String, String> producer = BusProbe.producer(second)) {
            assertThat(producer.partitionsFor(Topics.RESULTS)).isNotEmpty();
            Reply revoked = api.call("DELETE", "/api/v1/providers/me/broker-credentials", provider.key(), null);
            assertThat(revoked.status()).isEqualTo(204);
            // the ACLs go at once: the open connection's next request is refused
            Eventually.await("the open connection refused", Duration.ofSeconds(15), () -> {
                try {
                    producer.send(new ProducerRecord<>(Topics.WORKERS, "k", "not a heartbeat"))
                            .get(5, TimeUnit.SECONDS);
                    return null;
                } catch (Exception e) {
                    return e.getCause() instanceof AuthorizationException ? true : null;
                }
            });
        }
        BusProbe.assertLoginRefused(second);

        // the operator removes a provider from the bus
        Tenant other = provider("initech", 5_000_000);
        BusConnection login = login(other);
        assertThat(api.call("DELETE", "/api/v1/providers/" + other.id() + "/broker-credentials", other.key(), null)
                        .status())
                .as("a provider cannot revoke another's")
                .isEqualTo(403);
        assertThat(api.call("DELETE", "/api/v1/providers/" + other.id() + "/broker-credentials", ADMIN_KEY, null)
                        .status())
                .isEqualTo(204);
        BusProbe.assertLoginRefused(login);
    }

    @Test
    void aProviderWithoutTheMinimumStakeGetsNoLoginAndOneSlashedBelowItLosesIts() {
        Tenant unstaked = api.tenant("hooli", "provider", 5_000_000);
        Reply refused = api.call("POST", "/api/v1/providers/me/broker-credentials", unstaked.key(), null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Tenant consumer = api.tenant("dana", "consumer", 1_000_000);
        assertThat(api.call("POST", "/api/v1/providers/me/broker-credentials", consumer.key(), null)
                        .status())
                .isEqualTo(403);

        // exactly the minimum stake: one outvoted answer slashes it below
        Tenant cheater = provider("cheater", 1_000_000);
        Map<String, Object> issued = api.call("POST", "/api/v1/providers/me/broker-credentials", cheater.key(), null)
                .body();
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
        // the liar logs in with its own provider's credential
        devnet.startUnenrolledWorker(
                "worker-liar",
                Map.of(
                        "dcp.worker.forge-outputs", "true",
                        "dcp.kafka.username", issued.get("username"),
                        "dcp.kafka.password", issued.get("password")));
        String liarId = devnet.workerIdOf("worker-liar");
        Tenant erin = api.tenant("erin", "consumer", 100_000_000);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
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
            api.awaitEnd(erin, job);
        }
        assertThat(api.rejected(liarId)).as("the liar was outvoted").isTrue();
        BusConnection liarLogin = devnet.kafka()
                .connectionAs(
                        issued.get("username").toString(),
                        issued.get("password").toString());
        BusProbe.awaitLoginRefused(liarLogin, Duration.ofSeconds(30));
        devnet.stop("worker-liar");
    }

    // --- helpers ---

    private Tenant provider(String name, long stake) {
        Tenant t = api.tenant(name, "provider", stake + 10_000_000);
        assertThat(api.call("POST", "/api/v1/providers/me/stake", t.key(), Map.of("amount", stake, "lockDays", 7))
                        .status())
                .isEqualTo(201);
        return t;
    }

    /** A provider's login for its workers, through the public API. */
    private BusConnection login(Tenant provider) {
        Reply issued = api.call("POST", "/api/v1/providers/me/broker-credentials", provider.key(), null);
        assertThat(issued.status()).as(String.valueOf(issued.body())).isEqualTo(201);
        Map<String, Object> body = issued.body();
        assertThat(body.get("mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(body.get("securityProtocol")).isEqualTo("SASL_PLAINTEXT");
        assertThat(body.get("bootstrapServers")).isEqualTo(devnet.kafka().bootstrapServers());
        assertThat(body.get("username")).isEqualTo("provider-" + provider.id());
        return BusConnection.unauthenticated(body.get("bootstrapServers").toString())
                .as(body.get("username").toString(), body.get("password").toString(), "SCRAM-SHA-512");
    }
}
