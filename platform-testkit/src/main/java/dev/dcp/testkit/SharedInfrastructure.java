package dev.dcp.testkit;

import dev.dcp.common.event.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One PostgreSQL and one Kafka broker per test JVM, started on first use and stopped when the JVM exits,
 * so every integration test class of a module shares them instead of paying start-up per class.
 */
public final class SharedInfrastructure {

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafkaBroker kafka;

    private SharedInfrastructure() {}

    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.start(null, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "embedded-postgres-stop"));
        }
        return postgres;
    }

    public static synchronized EmbeddedKafkaBroker kafka() {
        if (kafka == null) {
            try {
                Path dir = Files.createTempDirectory("dcp-kafka-");
                kafka = EmbeddedKafkaBroker.start(dir, 0, 0);
                // before anything can auto-create them with the broker's default partition count
                kafka.createTopics(Topics.partitions());
                Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return kafka;
    }
}
