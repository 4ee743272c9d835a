package dev.dcp.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class BusCredentialsTest {

    @Test
    void aUsernameTurnsIntoScramOverPlaintextForEveryKafkaClient() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("dcp.kafka.username", "scheduler")
                .withProperty("dcp.kafka.password", "pa\"ss")
                .withProperty("spring.kafka.bootstrap-servers", "127.0.0.1:9092");
        new BusCredentials().postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("spring.kafka.properties.security.protocol")).isEqualTo("SASL_PLAINTEXT");
        assertThat(env.getProperty("spring.kafka.properties.sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(env.getProperty("spring.kafka.properties.sasl.jaas.config"))
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"scheduler\" password=\"pa\\\"ss\";");
        BusConnection bus = BusConnection.from(env);
        assertThat(bus.connectProperties())
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("security.protocol", "SASL_PLAINTEXT");
        assertThat(bus.toString()).doesNotContain("pa\"ss");
    }

    @Test
    void aTruststoreMeansTls() {
        Map<String, String> properties = BusCredentials.clientProperties("w", "p", "SCRAM-SHA-512", "/etc/dcp/ca.crt");
        assertThat(properties)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", "/etc/dcp/ca.crt");
    }

    @Test
    void withoutAUsernameNothingChanges() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.kafka.bootstrap-servers", "h:1");
        new BusCredentials().postProcessEnvironment(env, new SpringApplication());
        assertThat(BusConnection.from(env).clientProperties()).isEmpty();
    }
}
