package dev.dcp.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedServersTest {

    @Test
    void postgresAnswersQueriesInTheRequestedSchema() throws Exception {
        EmbeddedPostgresServer pg = SharedInfrastructure.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("public"), pg.username(), pg.password())) {
            c.createStatement().execute("create schema if not exists probe");
            c.createStatement().execute("create table probe.t (v int)");
            c.createStatement().execute("insert into probe.t values (42)");
        }
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("probe"), pg.username(), pg.password());
                ResultSet rs = c.createStatement().executeQuery("select v from t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void kafkaDeliversWhatWasProducedToACreatedTopic() throws Exception {
        EmbeddedKafkaBroker kafka = SharedInfrastructure.kafka();
        kafka.createTopics(Map.of("probe", 3));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("probe", "k", "hello")).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        kafka.bootstrapServers(),
                        "group.id",
                        "probe",
                        "auto.offset.reset",
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("probe"));
            String seen = Eventually.await("the probe message", Duration.ofSeconds(20), () -> {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    return r.value();
                }
                return null;
            });
            assertThat(seen).isEqualTo("hello");
        }
    }
}
