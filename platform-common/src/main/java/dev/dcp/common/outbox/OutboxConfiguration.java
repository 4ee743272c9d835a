package dev.dcp.common.outbox;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.kafka.BusConnection;
import dev.dcp.common.kafka.KafkaClients;
import dev.dcp.common.ledger.TransactionSigner;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a service with a database imports to publish reliably: the outbox, its relay to Kafka, and the service's
 * ledger signer: its Ed25519 key given in hex as {@code dcp.signing.key} (containers take it from a secret), else
 * kept in {@code dcp.signing.key-file}, created on first start.
 */
@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    OutboxRelay outboxRelay(
            DataSource dataSource, Environment environment, @Value("${spring.application.name}") String name) {
        return new OutboxRelay(dataSource, KafkaClients.producer(BusConnection.from(environment), name + "-outbox"));
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, OutboxRelay relay) {
        return new Outbox(jdbc, relay);
    }

    /** Transactions are stamped by the service's {@link Clock} bean, the system clock for a service that has none. */
    @Bean
    TransactionSigner transactionSigner(
            @Value("${dcp.signing.key:}") String key,
            @Value("${dcp.signing.key-file}") String keyFile,
            ObjectProvider<Clock> clock) {
        Ed25519.KeyPair keys = key.isBlank() ? Ed25519.loadOrCreate(Path.of(keyFile)) : Ed25519.fromPrivateKeyHex(key);
        return new TransactionSigner(keys, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    LedgerOutbox ledgerOutbox(TransactionSigner signer, Outbox outbox) {
        return new LedgerOutbox(signer, outbox);
    }
}
