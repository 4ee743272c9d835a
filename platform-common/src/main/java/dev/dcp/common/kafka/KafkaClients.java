package dev.dcp.common.kafka;

import dev.dcp.common.event.Topics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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

    /** A producer of binary records up to {@link Topics#STORAGE_MAX_RECORD_BYTES}: shards and their replies. */
    public static KafkaProducer<String, byte[]> bytesProducer(BusConnection bus, String clientId) {
        Map<String, Object> props = bus.connectProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.STORAGE_MAX_RECORD_BYTES + 64 * 1024);
        // a full buffer makes send() wait: back-pressure, so a fast upload or read holds a few shards, not hundreds
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 24L * 1024 * 1024);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A consumer of binary records that the caller assigns partitions to; {@code groupId} only keeps its committed
     * offsets (null: none, the caller seeks).
     */
    public static KafkaConsumer<String, byte[]> bytesConsumer(BusConnection bus, String clientId, String groupId) {
        Map<String, Object> props = bus.connectProperties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, groupId == null ? "latest" : "earliest");
        // what a consumer fetches ahead is held in memory: a few shards' worth (a larger record still comes whole)
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 8);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 * 1024 * 1024);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
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
