package dev.dcp.common.outbox;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The write side of the transactional outbox: messages are rows written in the caller's database transaction,
 * so they are sent if and only if the state change that produced them commits. {@link OutboxRelay} sends them.
 * Each service's Flyway migrations create the {@code outbox} table in its own schema.
 */
public class Outbox {

    public record Message(String topic, String key, String payload) {
    }

    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;

    public Outbox(JdbcTemplate jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    public void append(String topic, String key, String payload) {
        appendAll(List.of(new Message(topic, key, payload)));
    }

    public void appendAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into outbox (topic, msg_key, payload) values (?, ?, ?)", messages, 500,
                (ps, m) -> {
                    ps.setString(1, m.topic());
                    ps.setString(2, m.key());
                    ps.setString(3, m.payload());
                });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wake();
                }
            });
        } else {
            relay.wake();
        }
    }
}
