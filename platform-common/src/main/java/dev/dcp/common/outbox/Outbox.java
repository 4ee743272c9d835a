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

    public record Message(String topic, String key, String payload) {}

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
        String[] topics = new String[messages.size()];
        String[] keys = new String[messages.size()];
        String[] payloads = new String[messages.size()];
        for (int i = 0; i < topics.length; i++) {
            topics[i] = messages.get(i).topic();
            keys[i] = messages.get(i).key();
            payloads[i] = messages.get(i).payload();
        }
        // one statement however many messages; ids (the relay's order) follow the list's order
        jdbc.update("""
                insert into outbox (topic, msg_key, payload)
                select m.topic, m.msg_key, m.payload
                from unnest(?::varchar[], ?::varchar[], ?::text[]) with ordinality as m(topic, msg_key, payload, n)
                order by m.n""", topics, keys, payloads);
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
