package dev.dcp.e2e;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.dcp.common.kafka.BusConnection;
import dev.dcp.common.kafka.BusCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

/**
 * The broker as docker-compose.yml runs it (single KRaft node, SASL_SSL with the dev CA of
 * {@code deploy/compose/tls}, SCRAM-SHA-512 for clients, PLAIN for the super user, the StandardAuthorizer, no
 * automatic topics), plus a second listener of the same kind for this test host: {@code HOST}, advertised as
 * {@code 127.0.0.1:<port>} and published on exactly that port of the loopback (the advertised address must be the
 * one the host dials, so the port is chosen before the container starts). The containers use {@code kafka:9092}.
 */
final class SecuredKafka extends GenericContainer<SecuredKafka> {

    static final String INTERNAL_BOOTSTRAP = "kafka:9092";
    /** where the dev CA is in the containers, Kafka's and the services' */
    static final String CA_IN_CONTAINER = "/etc/dcp/tls/ca.crt";

    private static final int HOST_LISTENER = 9094;
    private static final String KEY_PASSWORD = "dcp-compose-tls-published-do-not-use";

    private final String superPassword = UUID.randomUUID().toString();
    private final int hostPort;

    SecuredKafka(Network network) {
        super(ContainerImages.kafka());
        hostPort = freePort();
        String plain = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\""
                + superPassword + "\" user_admin=\"" + superPassword + "\";";
        String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_NODE_ID", "1");
        env.put("KAFKA_PROCESS_ROLES", "broker,controller");
        env.put("KAFKA_LISTENERS", "CLIENT://:9092,HOST://:" + HOST_LISTENER + ",CONTROLLER://:9093");
        env.put("KAFKA_ADVERTISED_LISTENERS", "CLIENT://" + INTERNAL_BOOTSTRAP + ",HOST://127.0.0.1:" + hostPort);
        env.put("KAFKA_INTER_BROKER_LISTENER_NAME", "CLIENT");
        env.put("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER");
        env.put("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CLIENT:SASL_SSL,HOST:SASL_SSL,CONTROLLER:SASL_PLAINTEXT");
        env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093");
        env.put("KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL", "PLAIN");
        env.put("KAFKA_SASL_MECHANISM_CONTROLLER_PROTOCOL", "PLAIN");
        for (String listener : List.of("CLIENT", "HOST")) {
            env.put("KAFKA_LISTENER_NAME_" + listener + "_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512,PLAIN");
            env.put("KAFKA_LISTENER_NAME_" + listener + "_SCRAM___SHA___512_SASL_JAAS_CONFIG", scram);
            env.put("KAFKA_LISTENER_NAME_" + listener + "_PLAIN_SASL_JAAS_CONFIG", plain);
        }
        env.put("KAFKA_LISTENER_NAME_CONTROLLER_SASL_ENABLED_MECHANISMS", "PLAIN");
        env.put("KAFKA_LISTENER_NAME_CONTROLLER_PLAIN_SASL_JAAS_CONFIG", plain);
        env.put("KAFKA_SSL_KEYSTORE_TYPE", "PEM");
        env.put("KAFKA_SSL_KEYSTORE_LOCATION", "/etc/kafka/tls/kafka.pem");
        env.put("KAFKA_SSL_KEY_PASSWORD", KEY_PASSWORD);
        env.put("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
        env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", CA_IN_CONTAINER);
        env.put("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        env.put("KAFKA_SUPER_USERS", "User:admin");
        env.put("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false");
        env.put("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        env.put("KAFKA_CONNECTIONS_MAX_REAUTH_MS", "30000");
        env.put("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1");
        env.put("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1");
        env.put("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
        env.put("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        env.put("CLUSTER_ID", "ZTJlLXNlY3VyZWQta2Fma2E");
        withEnv(env);
        withNetwork(network);
        withNetworkAliases("kafka");
        withCopyFileToContainer(MountableFile.forHostPath(tls("kafka.pem")), "/etc/kafka/tls/kafka.pem");
        withCopyFileToContainer(MountableFile.forHostPath(tls("ca.crt")), CA_IN_CONTAINER);
        withCreateContainerCmdModifier(cmd -> {
            ExposedPort exposed = ExposedPort.tcp(HOST_LISTENER);
            List<ExposedPort> ports = new ArrayList<>();
            if (cmd.getExposedPorts() != null) {
                ports.addAll(List.of(cmd.getExposedPorts()));
            }
            ports.add(exposed);
            cmd.withExposedPorts(ports);
            cmd.getHostConfig()
                    .withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", hostPort), exposed));
        });
        waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofMinutes(2)));
    }

    /** The dev TLS material docker-compose.yml uses, in the repository. */
    static Path tls(String file) {
        return Path.of(System.getProperty("dcp.repository", ".."))
                .resolve("deploy/compose/tls")
                .resolve(file)
                .toAbsolutePath()
                .normalize();
    }

    /** How this host reaches the broker as {@code username}: SASL_SSL, trusting the dev CA. */
    BusConnection hostConnection(String username, String password, String mechanism) {
        return new BusConnection(
                "127.0.0.1:" + hostPort,
                BusCredentials.clientProperties(
                        username, password, mechanism, tls("ca.crt").toString()));
    }

    BusConnection superUser() {
        return hostConnection("admin", superPassword, "PLAIN");
    }

    String hostBootstrap() {
        return "127.0.0.1:" + hostPort;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
