package dev.dcp.common.kafka;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns a service's bus credentials ({@code dcp.kafka.username}, {@code dcp.kafka.password}, optionally
 * {@code dcp.kafka.mechanism} and {@code dcp.kafka.truststore}, or their {@code DCP_KAFKA_…} environment
 * variables) into the Kafka client properties every client of the service shares, Spring's and the plain ones
 * ({@link BusConnection}): SASL over plaintext, or over TLS when a CA certificate (PEM) is given. Without a
 * username nothing changes and the clients connect without authentication, as to a test broker.
 */
public class BusCredentials implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "dcpBusCredentials";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String username = environment.getProperty("dcp.kafka.username", "");
        if (username.isBlank()) {
            return;
        }
        String password = environment.getProperty("dcp.kafka.password", "");
        String mechanism = environment.getProperty("dcp.kafka.mechanism", "SCRAM-SHA-512");
        String truststore = environment.getProperty("dcp.kafka.truststore", "");
        Map<String, Object> properties = new HashMap<>();
        clientProperties(username, password, mechanism, truststore)
                .forEach((key, value) -> properties.put("spring.kafka.properties." + key, value));
        // last: a service that spells out spring.kafka.properties itself keeps them
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, properties));
    }

    /** The Kafka client properties that authenticate {@code username} with {@code mechanism}. */
    public static Map<String, String> clientProperties(
            String username, String password, String mechanism, String truststore) {
        Map<String, String> properties = new HashMap<>();
        boolean tls = truststore != null && !truststore.isBlank();
        properties.put("security.protocol", tls ? "SASL_SSL" : "SASL_PLAINTEXT");
        properties.put("sasl.mechanism", mechanism);
        String module = mechanism.equals("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        properties.put(
                "sasl.jaas.config",
                module + " required username=\"" + quoted(username) + "\" password=\"" + quoted(password) + "\";");
        if (tls) {
            properties.put("ssl.truststore.type", "PEM");
            properties.put("ssl.truststore.location", truststore);
        }
        return properties;
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** After the configuration files are read, so that they and the environment can name the credentials. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
