package dev.dcp.testkit;

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
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/** A real single-node Kafka broker in KRaft mode (combined broker and controller), in this JVM. */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final String CLUSTER_ID = "ZGNwLWRldm5ldC1rYWZrYQ";

    private final KafkaRaftServer server;
    private final int port;
    private final int controllerPort;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port, int controllerPort) {
        this.server = server;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * @param dataDir        the log directory (kept across restarts)
     * @param port           the client port, or 0 for a free one
     * @param controllerPort the KRaft controller port, or 0 for a free one
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, int controllerPort) {
        try {
            int clientPort = port > 0 ? port : freePort();
            int quorumPort = controllerPort > 0 ? controllerPort : freePort();
            Path logDir = dataDir.resolve("logs");
            Files.createDirectories(logDir);
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + quorumPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + quorumPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", logDir.toString());
            props.put("num.partitions", "4");
            props.put("auto.create.topics.enable", "true");
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
            return new EmbeddedKafkaBroker(server, clientPort, quorumPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Kafka", e);
        }
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

    /** Creates the topics that do not exist yet: name to partition count. */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            partitionsByTopic.forEach((name, partitions) -> {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, (short) 1));
                }
            });
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
