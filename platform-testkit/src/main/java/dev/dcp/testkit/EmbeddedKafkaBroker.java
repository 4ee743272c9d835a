package dev.dcp.testkit;

import dev.dcp.common.kafka.BusConnection;
import dev.dcp.common.kafka.BusRole;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/** A real single-node Kafka broker in KRaft mode (combined broker and controller), in this JVM. */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final String CLUSTER_ID = "ZGNwLWRldm5ldC1rYWZrYQ";

    /** The broker's own principal, a super user: it talks to itself and its controller as this one. */
    public static final String SUPER_USER = "admin";

    private final KafkaRaftServer server;
    private final int port;
    private final int controllerPort;
    /** The super user's password when every listener authenticates, else null. */
    private final String superPassword;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port, int controllerPort, String superPassword) {
        this.server = server;
        this.port = port;
        this.controllerPort = controllerPort;
        this.superPassword = superPassword;
    }

    /** A broker that takes anyone, for the services' own tests. */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, int controllerPort) {
        return start(dataDir, port, controllerPort, null);
    }

    /**
     * A broker where every listener authenticates (SASL) and every request is authorized (ACLs, nothing allowed
     * without one): clients log in with SCRAM-SHA-512 credentials (see {@code BusLogins}); the
     * broker itself and its controller use {@link #SUPER_USER} with {@code superPassword} (PLAIN, static).
     */
    public static EmbeddedKafkaBroker startSecured(Path dataDir, int port, int controllerPort, String superPassword) {
        if (superPassword == null || superPassword.isBlank()) {
            throw new IllegalArgumentException("a secured broker needs its super user's password");
        }
        return start(dataDir, port, controllerPort, superPassword);
    }

    /**
     * @param dataDir        the log directory (kept across restarts)
     * @param port           the client port, or 0 for a free one
     * @param controllerPort the KRaft controller port, or 0 for a free one
     */
    private static EmbeddedKafkaBroker start(Path dataDir, int port, int controllerPort, String superPassword) {
        try {
            int clientPort = port > 0 ? port : freePort();
            int quorumPort = controllerPort > 0 ? controllerPort : freePort();
            Path logDir = dataDir.resolve("logs");
            Files.createDirectories(logDir);
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + quorumPort);
            props.put("controller.listener.names", "CONTROLLER");
            if (superPassword == null) {
                props.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + quorumPort);
                props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
                props.put("inter.broker.listener.name", "PLAINTEXT");
                props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
                props.put("auto.create.topics.enable", "true");
            } else {
                secure(props, clientPort, quorumPort, superPassword);
            }
            props.put("log.dirs", logDir.toString());
            props.put("num.partitions", "4");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "4");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "4");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
            props.put("num.network.threads", "2");
            props.put("num.io.threads", "4");
            Path config = dataDir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(config)) {
                props.store(out, "dcp embedded KRaft broker");
            }
            format(config);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            return new EmbeddedKafkaBroker(server, clientPort, quorumPort, superPassword);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Kafka", e);
        }
    }

    /**
     * SASL on both listeners: clients with SCRAM-SHA-512 (their credentials live in the cluster's metadata, salted
     * and hashed), the broker and controller with PLAIN as the super user (a static credential: SCRAM cannot
     * authenticate the controller that holds the SCRAM credentials). The authorizer denies what no ACL allows.
     */
    private static void secure(Properties props, int clientPort, int quorumPort, String superPassword) {
        props.put("listeners", "CLIENT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + quorumPort);
        props.put("advertised.listeners", "CLIENT://127.0.0.1:" + clientPort);
        props.put("inter.broker.listener.name", "CLIENT");
        props.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        props.put("sasl.mechanism.controller.protocol", "PLAIN");
        String plain = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + SUPER_USER
                + "\" password=\"" + superPassword + "\" user_" + SUPER_USER + "=\"" + superPassword + "\";";
        props.put("listener.name.client.sasl.enabled.mechanisms", "SCRAM-SHA-512,PLAIN");
        props.put(
                "listener.name.client.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.put("listener.name.client.plain.sasl.jaas.config", plain);
        props.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        props.put("listener.name.controller.plain.sasl.jaas.config", plain);
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("super.users", BusRole.principal(SUPER_USER));
        props.put("allow.everyone.if.no.acl.found", "false");
        // only the services create topics, explicitly, with their partition counts
        props.put("auto.create.topics.enable", "false");
        // a connection re-authenticates this often, so a deleted credential closes it soon, not never
        props.put("connections.max.reauth.ms", "30000");
    }

    private static void format(Path config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = StorageTool.execute(
                new String[] {"format", "-t", CLUSTER_ID, "-c", config.toString(), "--ignore-formatted"},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("formatting KRaft storage failed: " + out.toString(StandardCharsets.UTF_8));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    public int controllerPort() {
        return controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public boolean secured() {
        return superPassword != null;
    }

    /** How a client reaches this broker as the super user (the bare address when it takes anyone). */
    public BusConnection superUserConnection() {
        BusConnection anyone = BusConnection.unauthenticated(bootstrapServers());
        return secured() ? anyone.as(SUPER_USER, superPassword, "PLAIN") : anyone;
    }

    /** How a client reaches this broker as a SCRAM user. */
    public BusConnection connectionAs(String username, String password) {
        return BusConnection.unauthenticated(bootstrapServers()).as(username, password, "SCRAM-SHA-512");
    }

    private Admin admin() {
        return Admin.create(superUserConnection().connectProperties());
    }

    /** A broker kept from before a topic gained settings (a devnet's state) gets them now. */
    private static void alterConfigsOfExisting(Admin admin, Set<String> existing)
            throws InterruptedException, ExecutionException {
        Map<
                        org.apache.kafka.common.config.ConfigResource,
                        java.util.Collection<org.apache.kafka.clients.admin.AlterConfigOp>>
                changes = new java.util.HashMap<>();
        dev.dcp.common.event.Topics.configs().forEach((topic, configs) -> {
            if (existing.contains(topic)) {
                changes.put(
                        new org.apache.kafka.common.config.ConfigResource(
                                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic),
                        configs.entrySet().stream()
                                .map(c -> new org.apache.kafka.clients.admin.AlterConfigOp(
                                        new org.apache.kafka.clients.admin.ConfigEntry(c.getKey(), c.getValue()),
                                        org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET))
                                .toList());
            }
        });
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get();
        }
    }

    /** Creates the topics that do not exist yet: name to partition count. */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            partitionsByTopic.forEach((name, partitions) -> {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, (short) 1)
                            .configs(dev.dcp.common.event.Topics.configs().getOrDefault(name, Map.of())));
                }
            });
            alterConfigsOfExisting(admin, existing);
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics", e.getCause());
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
