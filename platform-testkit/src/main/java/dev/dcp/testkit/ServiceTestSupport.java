package dev.dcp.testkit;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.common.event.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a service under test at this JVM's shared PostgreSQL (its own schema) and Kafka broker. */
public final class ServiceTestSupport {

    public static final String INTERNAL_SECRET = "integration-test-internal-secret";

    private ServiceTestSupport() {}

    /** The header value the gateway would forward for this caller. */
    public static String credential(Caller caller) {
        return new ServiceCredential(INTERNAL_SECRET, Clock.systemUTC()).issue(caller, Duration.ofMinutes(10));
    }

    public static void register(DynamicPropertyRegistry registry, String schema, Path dataDir) {
        EmbeddedKafkaBroker kafka = SharedInfrastructure.kafka();
        kafka.createTopics(Topics.partitions());
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add("dcp.internal.secret", () -> INTERNAL_SECRET);
        registry.add(
                "dcp.signing.key-file", () -> dataDir.resolve(schema + ".key").toString());
        registry.add(
                "dcp.storage.key-file",
                () -> dataDir.resolve(schema + "-storage.key").toString());
        if (schema != null) {
            EmbeddedPostgresServer pg = SharedInfrastructure.postgres();
            registry.add("spring.datasource.url", () -> pg.jdbcUrl(schema));
            registry.add("spring.flyway.schemas", () -> schema);
            registry.add("spring.flyway.default-schema", () -> schema);
            registry.add("spring.datasource.username", pg::username);
            registry.add("spring.datasource.password", pg::password);
        }
    }
}
