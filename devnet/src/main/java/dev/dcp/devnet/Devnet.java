package dev.dcp.devnet;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.event.Topics;
import dev.dcp.common.kafka.BusLogins;
import dev.dcp.common.kafka.BusRole;
import dev.dcp.contract.ContractApplication;
import dev.dcp.gateway.GatewayApplication;
import dev.dcp.ledger.LedgerApplication;
import dev.dcp.scheduler.SchedulerApplication;
import dev.dcp.testkit.EmbeddedKafkaBroker;
import dev.dcp.testkit.EmbeddedPostgresServer;
import dev.dcp.worker.WorkerApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform in one JVM: a real PostgreSQL, a real KRaft Kafka broker, ledger, contract, scheduler,
 * gateway and N workers, each its own Spring application context with its own port, schema and properties,
 * talking to the others only over HTTP and Kafka, as they do when deployed apart.
 */
public final class Devnet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Devnet.class);

    /** What a context without a database must not auto-configure when every module shares the classpath. */
    private static final String NO_DATABASE = String.join(
            ",",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.metrics.HibernateMetricsAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");

    /** What a service context must not auto-configure: the gateway's routing machinery. */
    private static final String NO_GATEWAY = String.join(
            ",",
            "org.springframework.cloud.gateway.server.mvc.GatewayServerMvcAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.GatewayMvcClassPathWarningAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.filter.FilterAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctionAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.handler.GatewayMultipartAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.predicate.PredicateAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.config.DefaultFunctionConfiguration");

    private final DevnetConfig config;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    /** How each service was started, by name, so that one can be stopped and started again on its port. */
    private final Map<String, Started> started = new HashMap<>();

    private final Map<String, Started> stopped = new HashMap<>();

    private record Started(
            Class<?> app, String configName, Map<String, Object> properties, ConfigurableApplicationContext context) {}

    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private int gatewayPort;
    private Map<String, Object> common;
    private FileChannel lock;
    private String adminKey;
    private DevnetProvider provider;
    /** The disk space each devnet worker offers for shards: room for a few GiB of objects at k=2, m=1. */
    static final long DEVNET_WORKER_STORAGE_BYTES = 8L << 30;

    /** The bus login of the devnet provider's workers, issued through the public API. */
    private Map<String, Object> workerLogin = Map.of();

    private final List<String> secrets = new ArrayList<>();

    /** The principal contract-service issues providers' bus credentials under. */
    static final String CREDENTIAL_ISSUER = "credential-issuer";

    private Devnet(DevnetConfig config) {
        this.config = config;
    }

    public static Devnet start(DevnetConfig config) {
        Devnet devnet = new Devnet(config);
        try {
            devnet.startAll();
            return devnet;
        } catch (RuntimeException e) {
            devnet.close();
            throw e;
        }
    }

    public String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    public String adminKey() {
        return adminKey;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    private void startAll() {
        Path dir = config.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dir);
            lock = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (lock.tryLock() == null) {
                throw new IllegalStateException("another devnet is running on " + dir + "; stop it first");
            }
            if (config.fresh()) {
                try (Stream<Path> children = Files.list(dir)) {
                    children.filter(p -> !p.getFileName().toString().equals(".lock"))
                            .forEach(Devnet::deleteRecursively);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties state = loadState(dir);
        String secret =
                state.computeIfAbsent("internal.secret", k -> randomHex(32)).toString();
        // the configured admin key if any, otherwise one generated on first start and kept with the state
        adminKey = config.adminKey() != null && !config.adminKey().isBlank()
                ? config.adminKey().strip()
                : generatedAdminKey(dir.resolve("admin.key"));
        // well-known ports for a user's devnet when they are free, so clients outside can find Kafka; else any
        int kafkaPort = Integer.parseInt(state.computeIfAbsent(
                        "kafka.port", k -> config.gatewayPort() != 0 && isFree(19092) ? "19092" : "0")
                .toString());
        int controllerPort = Integer.parseInt(state.computeIfAbsent(
                        "kafka.controller.port", k -> config.gatewayPort() != 0 && isFree(19093) ? "19093" : "0")
                .toString());

        postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
        // every listener authenticates; the super user's password is new at every start and kept nowhere
        kafka = EmbeddedKafkaBroker.startSecured(dir.resolve("kafka"), kafkaPort, controllerPort, randomHex(24));
        // the broker's ports are part of its stored metadata: keep them for the next start
        String[] hostPort = kafka.bootstrapServers().split(":");
        state.setProperty("kafka.port", hostPort[1]);
        state.setProperty("kafka.controller.port", Integer.toString(kafka.controllerPort()));
        saveState(dir, state);
        kafka.createTopics(Topics.partitions());
        Map<String, Object> issuer = login(CREDENTIAL_ISSUER, BusRole.CREDENTIAL_ISSUER);

        Map<String, Object> common = new HashMap<>();
        common.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        common.put("dcp.internal.secret", secret);
        common.put("spring.main.banner-mode", "off");
        common.put("server.port", "0");
        common.put("spring.datasource.username", postgres.username());
        common.put("spring.datasource.password", postgres.password());
        common.put("spring.datasource.hikari.maximum-pool-size", "10");

        int ledgerPort = startLedger(dir, state, common);

        Map<String, Object> contract = new HashMap<>(common);
        contract.putAll(login("contract", BusRole.CONTRACT));
        contract.put("dcp.contract.bus.issuer-username", issuer.get("dcp.kafka.username"));
        contract.put("dcp.contract.bus.issuer-password", issuer.get("dcp.kafka.password"));
        contract.put("spring.datasource.url", postgres.jdbcUrl("contract"));
        contract.put("dcp.signing.key-file", dir.resolve("keys/contract.key").toString());
        contract.put("spring.autoconfigure.exclude", NO_GATEWAY);
        contract.put("dcp.contract.ledger-url", "http://127.0.0.1:" + ledgerPort);
        int contractPort = port(run(ContractApplication.class, ContractApplication.CONFIG_NAME, "contract", contract));

        Map<String, Object> scheduler = new HashMap<>(common);
        scheduler.putAll(login("scheduler", BusRole.SCHEDULER));
        scheduler.put("spring.datasource.url", postgres.jdbcUrl("scheduler"));
        scheduler.put("dcp.signing.key-file", dir.resolve("keys/scheduler.key").toString());
        // wraps every stored object's key: generated once with the devnet's state, kept with it
        scheduler.put("dcp.storage.key-file", dir.resolve("keys/storage.key").toString());
        scheduler.put("dcp.scheduler.contract-url", "http://127.0.0.1:" + contractPort);
        scheduler.put("spring.autoconfigure.exclude", NO_GATEWAY);
        int schedulerPort =
                port(run(SchedulerApplication.class, SchedulerApplication.CONFIG_NAME, "scheduler", scheduler));
        scheduler.put("server.port", Integer.toString(schedulerPort)); // a restart keeps the port the gateway knows

        this.common = common;

        Map<String, Object> gateway = new HashMap<>(common);
        gateway.put("server.port", Integer.toString(config.gatewayPort()));
        gateway.put("dcp.gateway.admin-key", adminKey);
        gateway.put("dcp.gateway.internal-secret", secret);
        gateway.put("dcp.gateway.ledger-url", "http://127.0.0.1:" + ledgerPort);
        gateway.put("dcp.gateway.contract-url", "http://127.0.0.1:" + contractPort);
        gateway.put("dcp.gateway.scheduler-url", "http://127.0.0.1:" + schedulerPort);
        gateway.put("spring.autoconfigure.exclude", NO_DATABASE);
        gatewayPort = port(run(GatewayApplication.class, GatewayApplication.CONFIG_NAME, "gateway", gateway));

        provider = DevnetProvider.bootstrap(gatewayUrl(), adminKey, dir, state);
        saveState(dir, state);
        // the workers log in to the bus as any provider's do: with the credential the provider got from the API
        workerLogin = provider.brokerCredentials();
        secrets.add(workerLogin.get("dcp.kafka.password").toString());
        for (int i = 1; i <= config.workers(); i++) {
            provider.enrol(workerKey("worker-" + i));
            run(WorkerApplication.class, WorkerApplication.CONFIG_NAME, "worker-" + i, workerProperties("worker-" + i));
        }
    }

    /**
     * A new SCRAM login for a service, granted its role's ACLs: the properties that make the service use it. The
     * password is new at every start (the broker keeps only its salted hash).
     */
    private Map<String, Object> login(String username, BusRole role) {
        String password = randomHex(24);
        BusLogins.provision(
                kafka.superUserConnection(),
                List.of(new BusLogins.Login(username, password, role)),
                Duration.ofSeconds(30));
        secrets.add(password);
        return Map.of("dcp.kafka.username", username, "dcp.kafka.password", password);
    }

    /**
     * Every secret this devnet handed out or generated (admin key, internal secret, bus passwords, the provider's
     * API key): for tests that check none of them reaches a log.
     */
    public synchronized List<String> secrets() {
        List<String> all = new ArrayList<>(secrets);
        all.add(adminKey);
        all.add(common.get("dcp.internal.secret").toString());
        all.add(provider.apiKey());
        return all;
    }

    /** The key a devnet worker signs with, kept in its data directory (the worker reads the same file). */
    private Ed25519.KeyPair workerKey(String name) {
        return Ed25519.loadOrCreate(config.dataDir().toAbsolutePath().resolve("workers/" + name + "/worker.key"));
    }

    /** The public key (hex) a devnet worker signs with, created if the worker has not started yet. */
    public String workerPublicKey(String name) {
        return workerKey(name).publicKeyHex();
    }

    /** The id a devnet worker reports under: derived from its key, as contract-service derives it at enrolment. */
    public String workerIdOf(String name) {
        return "w-" + workerKey(name).publicKeyHex().substring(0, 16);
    }

    /**
     * The ledger replicas: one under {@code solo} and {@code pow}, N validators under {@code pos} and {@code bft},
     * each with its own key and schema. The chain's mode is fixed when the state is created.
     */
    private int startLedger(Path dir, Properties state, Map<String, Object> common) {
        String consensus = chosen(state, "ledger.consensus", config.consensus(), "solo");
        int validators = Integer.parseInt(chosen(
                state,
                "ledger.validators",
                config.validators() > 0 ? Integer.toString(config.validators()) : null,
                "1"));
        if (!List.of("solo", "pow", "pos", "bft").contains(consensus)) {
            throw new IllegalArgumentException("--consensus must be solo, pow, pos or bft");
        }
        if (validators < 1
                || validators > 16
                || (validators > 1 && List.of("solo", "pow").contains(consensus))) {
            throw new IllegalArgumentException("--validators must be 1 for " + consensus + " and 1-16 for pos and bft");
        }
        saveState(dir, state);
        // the services' signing keys exist before the ledger starts, so it can admit only their transactions
        String trusted = Ed25519.loadOrCreate(dir.resolve("keys/contract.key")).publicKeyHex() + ","
                + Ed25519.loadOrCreate(dir.resolve("keys/scheduler.key")).publicKeyHex();
        List<Ed25519.KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < validators; i++) {
            keys.add(Ed25519.loadOrCreate(
                    dir.resolve(i == 0 ? "keys/ledger-validator.key" : "keys/ledger-validator-" + i + ".key")));
        }
        int firstPort = 0;
        for (int i = 0; i < validators; i++) {
            String schema = i == 0 ? "ledger" : "ledger_" + i;
            Map<String, Object> ledger = new HashMap<>(common);
            ledger.putAll(login("ledger-validator-" + i, BusRole.VALIDATOR));
            ledger.put("spring.datasource.url", postgres.jdbcUrl(schema));
            ledger.put("spring.flyway.schemas", schema);
            ledger.put("spring.flyway.default-schema", schema);
            ledger.put("spring.datasource.hikari.maximum-pool-size", "4");
            ledger.put("spring.autoconfigure.exclude", NO_GATEWAY);
            ledger.put("dcp.ledger.consensus", consensus);
            ledger.put("dcp.ledger.difficulty", "12");
            ledger.put("dcp.ledger.trusted-senders", trusted);
            ledger.put("dcp.ledger.validator-id", "validator-" + i);
            ledger.put(
                    "dcp.ledger.validator-key",
                    HexFormat.of().formatHex(keys.get(i).privateKey()));
            for (int v = 0; v < validators; v++) {
                ledger.put("dcp.ledger.validators[" + v + "].id", "validator-" + v);
                ledger.put(
                        "dcp.ledger.validators[" + v + "].public-key",
                        keys.get(v).publicKeyHex());
                ledger.put("dcp.ledger.validators[" + v + "].stake", Integer.toString(100 * (v + 1)));
                ledger.put("dcp.ledger.validators[" + v + "].lock-days", "30");
            }
            int port = port(run(LedgerApplication.class, LedgerApplication.CONFIG_NAME, "ledger-" + i, ledger));
            if (i == 0) {
                firstPort = port;
            }
        }
        return firstPort;
    }

    /** The value the state was created with; a different one asked for now is refused rather than mixed in. */
    private static String chosen(Properties state, String key, String asked, String fallback) {
        String stored = state.getProperty(key);
        if (stored != null && asked != null && !stored.equals(asked)) {
            throw new IllegalArgumentException("this devnet's chain was created with " + key + "=" + stored
                    + "; start it with --fresh to change it");
        }
        String value = stored != null ? stored : asked != null ? asked : fallback;
        state.setProperty(key, value);
        return value;
    }

    private ConfigurableApplicationContext run(
            Class<?> app, String configName, String name, Map<String, Object> properties) {
        long start = System.nanoTime();
        properties.put("spring.config.name", configName);
        // as command-line arguments, these outrank each service's application.yml
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(app).registerShutdownHook(false).run(args);
        contexts.add(context);
        started.put(name, new Started(app, configName, properties, context));
        log.info("{} started in {} ms", name, (System.nanoTime() - start) / 1_000_000);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private Map<String, Object> workerProperties(String name) {
        Map<String, Object> worker = new HashMap<>(common);
        // no dcp.worker.id: a worker's id follows from its key, the id its enrolment has
        worker.put(
                "dcp.worker.data-dir",
                config.dataDir().toAbsolutePath().resolve("workers/" + name).toString());
        worker.put("spring.kafka.client-id", name);
        // every devnet worker keeps shards, under its data directory, as a provider's storage worker would
        worker.put("dcp.worker.storage-bytes", Long.toString(DEVNET_WORKER_STORAGE_BYTES));
        worker.putAll(workerLogin);
        worker.put("spring.autoconfigure.exclude", NO_DATABASE + "," + NO_GATEWAY);
        worker.put("spring.config.name", WorkerApplication.CONFIG_NAME);
        return worker;
    }

    /**
     * The arguments that make {@code dev.dcp.worker.WorkerApplication}, started in another JVM on this module's
     * classpath, a worker of this devnet (its key enrolled with the devnet's provider): how to add capacity, or a
     * worker a test can kill outright.
     */
    public List<String> externalWorkerArguments(String name) {
        provider.enrol(workerKey(name));
        return workerProperties(name).entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toList();
    }

    /**
     * Starts one more in-process worker, its key enrolled with the devnet's provider, with extra properties
     * (for tests: {@code dcp.worker.forge-outputs=true} makes a cheating worker). Stop it with {@link #stop}.
     */
    public synchronized void startWorker(String name, Map<String, Object> extraProperties) {
        provider.enrol(workerKey(name));
        startUnenrolledWorker(name, extraProperties);
    }

    /**
     * Starts one more in-process worker without enrolling its key: for a worker whose key some other provider
     * enrols ({@link #workerPublicKey}), or that nobody does.
     */
    public synchronized void startUnenrolledWorker(String name, Map<String, Object> extraProperties) {
        Map<String, Object> properties = workerProperties(name);
        properties.putAll(extraProperties);
        run(WorkerApplication.class, WorkerApplication.CONFIG_NAME, name, properties);
    }

    /** The API key of the devnet's own provider tenant, whose stake backs the devnet workers. */
    public String providerApiKey() {
        return provider.apiKey();
    }

    /** The names of the running services: {@code ledger-0}, {@code contract}, {@code scheduler}, {@code worker-1}… */
    public synchronized List<String> services() {
        return List.copyOf(started.keySet());
    }

    /** Stops one service, as an operator would (for tests of what the others do meanwhile). */
    public synchronized void stop(String name) {
        Started s = started.remove(name);
        if (s == null) {
            throw new IllegalArgumentException("no running service " + name);
        }
        contexts.remove(s.context());
        s.context().close();
        stopped.put(name, s);
    }

    /** Starts a stopped service again, with the same properties (and port). */
    public synchronized void start(String name) {
        Started s = stopped.remove(name);
        if (s == null) {
            throw new IllegalArgumentException("no stopped service " + name);
        }
        run(s.app(), s.configName(), name, s.properties());
    }

    /** Stops the services in reverse start order, then Kafka, then PostgreSQL. */
    @Override
    public synchronized void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            try {
                contexts.get(i).close();
            } catch (RuntimeException e) {
                log.warn("error while stopping a service", e);
            }
        }
        contexts.clear();
        if (kafka != null) {
            try {
                kafka.close();
            } catch (RuntimeException e) {
                log.warn("error while stopping Kafka", e);
            }
            kafka = null;
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (RuntimeException e) {
                log.warn("error while stopping PostgreSQL", e);
            }
            postgres = null;
        }
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
            lock = null;
        }
    }

    private static Properties loadState(Path dir) {
        Properties p = new Properties();
        Path file = dir.resolve("devnet.properties");
        if (Files.exists(file)) {
            try (var in = Files.newBufferedReader(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    private static void saveState(Path dir, Properties p) {
        try (var out = Files.newBufferedWriter(dir.resolve("devnet.properties"))) {
            p.store(out, "dcp devnet state: keep with the data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Generated on first start and kept (owner-only) in the state directory, so scripts can read it. */
    private static String generatedAdminKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            String key = "dcp_admin_" + randomHex(24);
            Files.writeString(file, key + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isFree(int port) {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
