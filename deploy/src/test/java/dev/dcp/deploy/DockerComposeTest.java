package dev.dcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The repository's docker-compose.yml: valid for docker-compose, and wired the way
 * docs/compose.md describes. Checks the file as docker-compose resolves it (anchors and
 * merge keys expanded, variables at their defaults), so it needs docker-compose on PATH.
 */
class DockerComposeTest {

    static final Path COMPOSE_FILE =
            Overlays.MODULE.resolve("../docker-compose.yml").normalize();
    static final List<String> DCP_SERVICES =
            List.of("ledger", "contract", "scheduler", "gateway", "worker-1", "worker-2", "worker-3");

    /** The one-shot container that makes the bus logins and their ACLs before any dcp service starts. */
    static final String BUS_INIT = "bus-init";

    static JsonNode services;
    static JsonNode resolved;

    @BeforeAll
    static void resolve() {
        assertThat(COMPOSE_FILE).exists();
        Path compose = Commands.onPath("docker-compose").orElse(null);
        Assumptions.assumeTrue(
                compose != null,
                "docker-compose is not on PATH: skipping the docker-compose.yml checks (install docker-compose 1.29+)");
        List<String> base = List.of(compose.toString(), "-f", COMPOSE_FILE.toString());
        Commands.Result quiet = Commands.run(concat(base, "config", "-q"), COMPOSE_FILE.getParent());
        assertThat(quiet.exitCode())
                .as("docker-compose config -q: %s", quiet.stderr())
                .isZero();
        Commands.Result full = Commands.run(concat(base, "config"), COMPOSE_FILE.getParent());
        assertThat(full.exitCode())
                .as("docker-compose config: %s", full.stderr())
                .isZero();
        resolved = YAMLMapper.builder().build().readTree(full.stdout());
        services = resolved.path("services");
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void theStackIsPostgresKafkaItsLoginsTheFiveServicesAndThreeWorkers() {
        Set<String> names = new HashSet<>(services.propertyNames());
        assertThat(names)
                .containsExactlyInAnyOrder(
                        "postgres",
                        "kafka",
                        "bus-init",
                        "ledger",
                        "contract",
                        "scheduler",
                        "gateway",
                        "worker-1",
                        "worker-2",
                        "worker-3");
        assertThat(names.stream().filter(n -> n.startsWith("worker"))).hasSize(3);
    }

    @Test
    void everyServiceHasAHealthcheck() {
        for (String name : services.propertyNames()) {
            if (name.equals(BUS_INIT)) {
                continue; // a one-shot container: the others wait for it to have exited with 0
            }
            assertThat(services.path(name).path("healthcheck").path("test").isMissingNode())
                    .as("%s healthcheck", name)
                    .isFalse();
        }
        for (String name : DCP_SERVICES) {
            assertThat(services.path(name).path("healthcheck").path("test").toString())
                    .as("%s probes readiness", name)
                    .contains("/actuator/health/readiness");
        }
    }

    @Test
    void everyDependencyWaitsUntilTheOtherServiceIsHealthy() {
        for (String name : services.propertyNames()) {
            JsonNode deps = services.path(name).path("depends_on");
            for (String dep : deps.propertyNames()) {
                assertThat(deps.path(dep).path("condition").asString())
                        .as("%s depends_on %s", name, dep)
                        .isEqualTo(dep.equals(BUS_INIT) ? "service_completed_successfully" : "service_healthy");
            }
        }
        assertDependsOn(BUS_INIT, "kafka");
        assertDependsOn("ledger", "postgres", BUS_INIT);
        assertDependsOn("contract", "postgres", BUS_INIT);
        assertDependsOn("scheduler", "postgres", BUS_INIT);
        assertDependsOn("gateway", "ledger", "contract", "scheduler");
        for (String worker : List.of("worker-1", "worker-2", "worker-3")) {
            assertDependsOn(worker, BUS_INIT, "scheduler");
        }
    }

    private static void assertDependsOn(String service, String... deps) {
        assertThat(services.path(service).path("depends_on").propertyNames())
                .as("%s depends_on", service)
                .contains(deps);
    }

    @Test
    void everyDcpServiceHasAMemoryLimitForItsJvmToSizeItsHeapFrom() {
        for (String name : DCP_SERVICES) {
            assertThat(services.path(name).path("mem_limit").isMissingNode())
                    .as("%s mem_limit", name)
                    .isFalse();
        }
    }

    @Test
    void everyWorkerHasItsOwnKey() {
        Map<String, String> keys = new HashMap<>();
        for (String worker : List.of("worker-1", "worker-2", "worker-3")) {
            String key = services.path(worker)
                    .path("environment")
                    .path("DCP_WORKER_KEY")
                    .asString();
            assertThat(key).as("%s DCP_WORKER_KEY", worker).matches("[0-9a-f]{64}");
            assertThat(keys.put(key, worker))
                    .as("%s reuses the key of another worker", worker)
                    .isNull();
        }
    }

    @Test
    void everyDcpServiceSharesTheCommonSettingsAndRestartsUnlessStopped() {
        for (String name : DCP_SERVICES) {
            JsonNode s = services.path(name);
            assertThat(s.path("image").asString())
                    .as("%s image", name)
                    .startsWith("dcp/")
                    .endsWith(":0.1.0-SNAPSHOT");
            assertThat(s.path("restart").asString()).as("%s restart", name).isEqualTo("unless-stopped");
            JsonNode env = s.path("environment");
            for (String common : List.of("DCP_KAFKA", "DCP_INTERNAL_SECRET", "DCP_DATA_DIR", "PORT")) {
                assertThat(env.has(common)).as("%s has %s", name, common).isTrue();
            }
            assertThat(env.path("DCP_KAFKA").asString()).isEqualTo("kafka:9092");
        }
    }

    @Test
    void onlyTheGatewayPublishesAPortAndOnlyOnLoopback() {
        for (String name : services.propertyNames()) {
            if (!name.equals("gateway")) {
                assertThat(services.path(name).path("ports").isMissingNode())
                        .as("%s publishes ports", name)
                        .isTrue();
            }
        }
        JsonNode ports = services.path("gateway").path("ports");
        assertThat(ports.size()).isEqualTo(1);
        String port =
                ports.get(0).isString() ? ports.get(0).asString() : ports.get(0).toString();
        assertThat(port).contains("127.0.0.1").contains("8080");
        assertThat(resolved.path("networks")
                        .path("default")
                        .path("driver_opts")
                        .path("com.docker.network.bridge.host_binding_ipv4")
                        .asString())
                .isEqualTo("127.0.0.1");
    }

    @Test
    void everyKafkaClientLogsInOverTlsWithALoginOfItsRoleThatBusInitMakes() {
        Map<String, String> logins = new HashMap<>(); // username -> "ROLE password"
        services.path(BUS_INIT).path("environment").properties().forEach(e -> {
            if (e.getKey().startsWith("DCP_BUS_LOGIN_")) {
                String[] parts = e.getValue().asString().trim().split("\\s+", 3);
                logins.put(parts[0], parts[1] + " " + parts[2]);
            }
        });
        assertThat(logins.keySet())
                .containsExactlyInAnyOrder(
                        "ledger-validator-0", "scheduler", "contract", "credential-issuer", "workers-compose");
        assertThat(logins.keySet())
                .as("contract-service deletes provider- logins it did not issue")
                .noneMatch(u -> u.startsWith("provider-"));
        Map<String, String> roles = Map.of(
                "ledger", "VALIDATOR",
                "scheduler", "SCHEDULER",
                "contract", "CONTRACT",
                "worker-1", "PROVIDER",
                "worker-2", "PROVIDER",
                "worker-3", "PROVIDER");
        roles.forEach((service, role) -> {
            JsonNode env = services.path(service).path("environment");
            String username = env.path("DCP_KAFKA_USERNAME").asString();
            assertThat(logins.get(username))
                    .as("%s logs in as %s", service, username)
                    .isEqualTo(role + " " + env.path("DCP_KAFKA_PASSWORD").asString());
            assertThat(env.path("DCP_KAFKA_TRUSTSTORE").asString()).isEqualTo("/etc/dcp/tls/ca.crt");
            assertThat(services.path(service).path("volumes").toString()).contains("deploy/compose/tls/ca.crt");
        });
        JsonNode contract = services.path("contract").path("environment");
        assertThat(logins.get(contract.path("DCP_CONTRACT_BUS_ISSUER_USERNAME").asString()))
                .isEqualTo("CREDENTIAL_ISSUER "
                        + contract.path("DCP_CONTRACT_BUS_ISSUER_PASSWORD").asString());
        JsonNode kafka = services.path("kafka").path("environment");
        assertThat(kafka.path("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asString())
                .contains("CLIENT:SASL_SSL");
        assertThat(kafka.path("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND").asString())
                .isEqualTo("false");
        assertThat(kafka.path("KAFKA_AUTO_CREATE_TOPICS_ENABLE").asString()).isEqualTo("false");
        assertThat(Overlays.MODULE.resolve("compose/tls/kafka.pem")).exists();
        assertThat(Overlays.MODULE.resolve("compose/tls/ca.crt")).exists();
    }

    @Test
    void theComposeFileWarnsThatItsKeysArePublished() throws Exception {
        assertThat(Files.readString(COMPOSE_FILE)).contains("PUBLISHED DEV KEYS");
    }
}
