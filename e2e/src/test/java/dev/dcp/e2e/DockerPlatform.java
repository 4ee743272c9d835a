package dev.dcp.e2e;

import com.github.dockerjava.api.DockerClient;
import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.kafka.BusLogins;
import dev.dcp.common.kafka.BusLogins.Login;
import dev.dcp.common.kafka.BusRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.MountableFile;

/**
 * The whole platform as production runs it: PostgreSQL, Kafka and every service in a container of its own on one
 * Docker network, reaching each other by name; only the gateway's and the broker's test listener are published (on
 * loopback). The bus is closed as in docker-compose.yml ({@link SecuredKafka}): each service logs in with a login of
 * its own, made before it starts with its {@link BusRole}'s ACLs; the workers with their provider's login, issued
 * through the API. Workers enrol themselves with a provider made through the API, as autoscaled workers do.
 */
final class DockerPlatform implements AutoCloseable {

    static final String ADMIN_KEY = "dcp_admin_e2e_key";
    /** BFT validators: four tolerate one faulty, as in production (deploy/base) */
    static final int VALIDATORS = 4;

    private static final Logger log = LoggerFactory.getLogger(DockerPlatform.class);
    /** Small heaps and a quick start: ten JVMs share this machine. Workers keep the optimising compiler. */
    private static final String SERVICE_JVM = "-Xmx320m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private static final String WORKER_JVM = "-Xmx320m -Xss512k -XX:+UseSerialGC";

    private final Network network;
    private final PostgreSQLContainer postgres;
    private final SecuredKafka kafka;
    private final Map<String, Login> logins = new HashMap<>();
    private final Map<String, GenericContainer<?>> services = new HashMap<>();
    private final List<GenericContainer<?>> workers = new ArrayList<>();
    private final String secret = UUID.randomUUID().toString();
    private PlatformClient client;

    private DockerPlatform() {
        // published ports bind to loopback only: a plain network would publish them on every address
        network = Network.builder()
                .createNetworkCmdModifier(
                        cmd -> cmd.withOptions(Map.of("com.docker.network.bridge.host_binding_ipv4", "127.0.0.1")))
                .build();
        postgres = new PostgreSQLContainer(ContainerImages.postgres())
                .withDatabaseName("dcp")
                .withNetwork(network)
                .withNetworkAliases("postgres");
        kafka = new SecuredKafka(network);
    }

    /** Starts everything and a provider whose {@code workers} workers are online; closes what started on failure. */
    static DockerPlatform start(int workers) {
        DockerPlatform platform = new DockerPlatform();
        try {
            platform.startAll(workers);
            return platform;
        } catch (RuntimeException | Error e) {
            platform.close();
            throw e;
        }
    }

    private void startAll(int workerCount) {
        long started = System.nanoTime();
        Startables.deepStart(postgres, kafka).join();
        provisionLogins();
        Ed25519.KeyPair contractKey = Ed25519.generate();
        Ed25519.KeyPair schedulerKey = Ed25519.generate();

        List<GenericContainer<?>> ledgers = ledgerValidators(contractKey, schedulerKey);
        GenericContainer<?> contract = service("contract-service", "contract", 8082)
                .withEnv("DCP_CONTRACT_DB_URL", jdbcUrl("contract"))
                .withEnv("DCP_SIGNING_KEY", Hashes.hex(contractKey.privateKey()))
                .withEnv("DCP_LEDGER_URL", "http://ledger:8081")
                .withEnv("DCP_CONTRACT_BUS_ISSUER_USERNAME", "credential-issuer")
                .withEnv(
                        "DCP_CONTRACT_BUS_ISSUER_PASSWORD",
                        logins.get("credential-issuer").password());
        GenericContainer<?> scheduler = service("scheduler-service", "scheduler", 8083)
                .withEnv("DCP_SCHEDULER_DB_URL", jdbcUrl("scheduler"))
                .withEnv("DCP_SIGNING_KEY", Hashes.hex(schedulerKey.privateKey()))
                .withEnv("DCP_CONTRACT_URL", "http://contract:8082");
        GenericContainer<?> gateway = service("gateway", "gateway", 8080)
                .withEnv("DCP_ADMIN_KEY", ADMIN_KEY)
                .withEnv("DCP_LEDGER_URL", "http://ledger:8081")
                .withEnv("DCP_CONTRACT_URL", "http://contract:8082")
                .withEnv("DCP_SCHEDULER_URL", "http://scheduler:8083")
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/actuator/health/readiness")
                        .forPort(8080)
                        .withStartupTimeout(Duration.ofMinutes(3)));
        List<GenericContainer<?>> first = new ArrayList<>(ledgers);
        first.addAll(List.of(contract, scheduler, gateway));
        Startables.deepStart(first.toArray(GenericContainer[]::new)).join();
        client = new PlatformClient(gatewayUrl(), ADMIN_KEY);

        String providerKey = client.provider("e2e-provider");
        // the workers log in as any provider's do: with the login their provider got from the API
        Map<String, Object> workerLogin = client.brokerCredentials(providerKey);
        for (int i = 1; i <= workerCount; i++) {
            workers.add(service("worker-service", "worker-" + i, 8090)
                    .withEnv("DCP_KAFKA_USERNAME", workerLogin.get("username").toString())
                    .withEnv("DCP_KAFKA_PASSWORD", workerLogin.get("password").toString())
                    .withEnv("JAVA_TOOL_OPTIONS", WORKER_JVM)
                    .withEnv("DCP_WORKER_SLOTS", "2")
                    .withEnv("DCP_WORKER_GATEWAY_URL", "http://gateway:8080")
                    .withEnv("DCP_WORKER_PROVIDER_KEY", providerKey));
        }
        Startables.deepStart(workers.toArray(GenericContainer[]::new)).join();
        client.awaitWorkersOnline(providerKey, workerCount, Duration.ofSeconds(60));
        log.info("platform up in containers in {} s", (System.nanoTime() - started) / 1_000_000_000);
    }

    /** One SCRAM login per service (per validator), with its role's ACLs, made as the super user before they start. */
    private void provisionLogins() {
        for (int i = 0; i < VALIDATORS; i++) {
            login("ledger-validator-" + i, BusRole.VALIDATOR);
        }
        login("scheduler", BusRole.SCHEDULER);
        login("contract", BusRole.CONTRACT);
        login("credential-issuer", BusRole.CREDENTIAL_ISSUER);
        BusLogins.provision(kafka.superUser(), List.copyOf(logins.values()), Duration.ofMinutes(1));
    }

    private void login(String username, BusRole role) {
        logins.put(username, new Login(username, UUID.randomUUID().toString(), role));
    }

    /**
     * The ledger as Kubernetes runs it: {@link #VALIDATORS} BFT validators, each with its own key and schema, all
     * answering to the name {@code ledger} (Docker's DNS spreads the others' calls over them, as a Service would).
     */
    private List<GenericContainer<?>> ledgerValidators(Ed25519.KeyPair contractKey, Ed25519.KeyPair schedulerKey) {
        List<Ed25519.KeyPair> keys =
                Stream.generate(Ed25519::generate).limit(VALIDATORS).toList();
        List<GenericContainer<?>> ledgers = new ArrayList<>();
        for (int i = 0; i < VALIDATORS; i++) {
            GenericContainer<?> ledger = service("ledger-service", "ledger-" + i, 8081)
                    .withNetworkAliases("ledger")
                    .withEnv("DCP_KAFKA_USERNAME", "ledger-validator-" + i)
                    .withEnv(
                            "DCP_KAFKA_PASSWORD",
                            logins.get("ledger-validator-" + i).password())
                    .withEnv("DCP_LEDGER_SCHEMA", "ledger_" + i)
                    .withEnv("DCP_LEDGER_DB_URL", jdbcUrl("ledger_" + i))
                    .withEnv("DCP_LEDGER_CONSENSUS", "bft")
                    .withEnv("DCP_LEDGER_VALIDATOR_ID", "validator-" + i)
                    .withEnv("DCP_LEDGER_VALIDATOR_KEY", Hashes.hex(keys.get(i).privateKey()))
                    .withEnv(
                            "DCP_LEDGER_TRUSTED_SENDERS",
                            contractKey.publicKeyHex() + "," + schedulerKey.publicKeyHex());
            for (int v = 0; v < VALIDATORS; v++) {
                ledger.withEnv("DCP_LEDGER_VALIDATORS_" + v + "_ID", "validator-" + v)
                        .withEnv(
                                "DCP_LEDGER_VALIDATORS_" + v + "_PUBLICKEY",
                                keys.get(v).publicKeyHex());
            }
            ledgers.add(ledger);
        }
        return ledgers;
    }

    private GenericContainer<?> service(String image, String name, int port) {
        GenericContainer<?> container = new GenericContainer<>(ContainerImages.service(image))
                .withNetwork(network)
                .withNetworkAliases(name)
                .withEnv("PORT", Integer.toString(port))
                .withEnv("DCP_KAFKA", SecuredKafka.INTERNAL_BOOTSTRAP)
                .withEnv("DCP_KAFKA_TRUSTSTORE", SecuredKafka.CA_IN_CONTAINER)
                .withCopyFileToContainer(
                        MountableFile.forHostPath(SecuredKafka.tls("ca.crt")), SecuredKafka.CA_IN_CONTAINER)
                .withEnv("DCP_DB_USER", postgres.getUsername())
                .withEnv("DCP_DB_PASSWORD", postgres.getPassword())
                .withEnv("DCP_INTERNAL_SECRET", secret)
                .withEnv("SPRING_MAIN_BANNER_MODE", "off")
                .withEnv("JAVA_TOOL_OPTIONS", SERVICE_JVM)
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("container." + name)))
                // only the gateway publishes a port; the others are ready when Spring says so
                .waitingFor(Wait.forLogMessage(".*Started \\w+Application in .*", 1)
                        .withStartupTimeout(Duration.ofMinutes(3)));
        Login login = logins.get(name);
        if (login != null) { // scheduler, contract; the validators and workers are given theirs by the caller
            container.withEnv("DCP_KAFKA_USERNAME", login.username()).withEnv("DCP_KAFKA_PASSWORD", login.password());
        }
        services.put(name, container);
        return container;
    }

    private static String jdbcUrl(String schema) {
        return "jdbc:postgresql://postgres:5432/dcp?currentSchema=" + schema + "&reWriteBatchedInserts=true";
    }

    String gatewayUrl() {
        GenericContainer<?> gateway = services.get("gateway");
        return "http://" + gateway.getHost() + ":" + gateway.getMappedPort(8080);
    }

    PlatformClient client() {
        return client;
    }

    /** The broker as this host reaches it, under a login of the caller's (SASL_SSL, trusting the dev CA). */
    dev.dcp.common.kafka.BusConnection bus(String username, String password) {
        return kafka.hostConnection(username, password, "SCRAM-SHA-512");
    }

    /** The broker's address for this host. */
    String busBootstrap() {
        return kafka.hostBootstrap();
    }

    /** SIGKILL, as a machine losing power: the worker says goodbye to nobody. */
    void killWorker(int number) {
        GenericContainer<?> worker = workers.get(number - 1);
        docker().killContainerCmd(worker.getContainerId()).withSignal("KILL").exec();
    }

    /** Stops the scheduler's container (SIGTERM, then SIGKILL after 2 s) and starts the same container again. */
    void restartScheduler() {
        docker().restartContainerCmd(services.get("scheduler").getContainerId())
                .withTimeout(2)
                .exec();
    }

    /** Freezes every Kafka process for a while, then lets it go on: clients see a broker that stopped answering. */
    void pauseKafka(Duration pause) {
        docker().pauseContainerCmd(kafka.getContainerId()).exec();
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            docker().unpauseContainerCmd(kafka.getContainerId()).exec();
        }
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    @Override
    public void close() {
        Stream.concat(workers.stream(), services.values().stream()).forEach(GenericContainer::stop);
        kafka.stop();
        postgres.stop();
        network.close();
    }
}
