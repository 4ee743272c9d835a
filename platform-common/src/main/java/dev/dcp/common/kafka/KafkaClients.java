package dev.dcp.common.kafka;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients with the platform's defaults: JSON strings, idempotent batched producers. */
public final class KafkaClients {

    private KafkaClients() {}

    /** A producer for a broker that takes anyone (tests, benchmarks). */
    public static KafkaProducer<String, String> producer(String bootstrapServers, String clientId) {
        return producer(BusConnection.unauthenticated(bootstrapServers), clientId);
    }

    public static KafkaProducer<String, String> producer(BusConnection bus, String clientId) {
        Map<String, Object> props = bus.connectProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** An unmanaged consumer for a broker that takes anyone (tests, benchmarks). */
    public static KafkaConsumer<String, String> unmanagedConsumer(String bootstrapServers, String clientId) {
        return unmanagedConsumer(BusConnection.unauthenticated(bootstrapServers), clientId);
    }

    /** A consumer without a group: the caller assigns partitions and keeps its own offsets. */
    public static KafkaConsumer<String, String> unmanagedConsumer(BusConnection bus, String clientId) {
        Map<String, Object> props = bus.connectProperties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
