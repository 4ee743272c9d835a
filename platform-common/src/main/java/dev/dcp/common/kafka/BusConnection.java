package dev.dcp.common.kafka;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * How this service reaches the bus: the bootstrap servers and the client properties that authenticate it
 * (security protocol, SASL, trust store), the same ones Spring's Kafka clients get from
 * {@code spring.kafka.properties}, for the clients the platform builds itself ({@link KafkaClients}).
 */
public record BusConnection(String bootstrapServers, Map<String, String> clientProperties) {

    public BusConnection {
        clientProperties = Map.copyOf(clientProperties);
    }

    /** A broker that takes anyone: a test broker. */
    public static BusConnection unauthenticated(String bootstrapServers) {
        return new BusConnection(bootstrapServers, Map.of());
    }

    public static BusConnection from(Environment environment) {
        String bootstrap = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        Map<String, String> properties = Binder.get(environment)
                .bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class))
                .orElseGet(Map::of);
        return new BusConnection(bootstrap, properties);
    }

    /** The same bus under another principal: the credential issuer's, for instance. */
    public BusConnection as(String username, String password, String mechanism) {
        Map<String, String> properties = new HashMap<>(clientProperties);
        properties.putAll(BusCredentials.clientProperties(
                username, password, mechanism, clientProperties.get("ssl.truststore.location")));
        return new BusConnection(bootstrapServers, properties);
    }

    /** The properties a Kafka client needs to connect, before its own settings. */
    public Map<String, Object> connectProperties() {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put("bootstrap.servers", bootstrapServers);
        return properties;
    }

    @Override
    public String toString() {
        // the JAAS line holds a password: never print it
        return "BusConnection[" + bootstrapServers + ", "
                + clientProperties.getOrDefault("security.protocol", "PLAINTEXT") + "]";
    }
}
