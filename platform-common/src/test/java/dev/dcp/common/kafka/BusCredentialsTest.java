package dev.dcp.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class BusCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void aPasswordFileStandsInForThePasswordAsAMountedSecretDoes() throws Exception {
        Path file = Files.writeString(dir.resolve("password"), "s3cret\n");
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "test",
                        Map.of(
                                "dcp.kafka.username", "ledger-validator-2",
                                "dcp.kafka.password-file", file.toString(),
                                "dcp.kafka.truststore", "/etc/dcp/kafka-ca/ca.crt")));
        new BusCredentials().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("spring.kafka.properties.security.protocol"))
                .isEqualTo("SASL_SSL");
        assertThat(environment.getProperty("spring.kafka.properties.sasl.jaas.config"))
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"ledger-validator-2\" password=\"s3cret\";");
        assertThat(environment.getProperty("spring.kafka.properties.ssl.truststore.type"))
                .isEqualTo("PEM");
    }
}
