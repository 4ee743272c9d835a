package dev.dcp.common.outbox;

import dev.dcp.common.web.RequestId;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The write side of the transactional outbox: messages are rows written in the caller's database transaction,
 * so they are sent if and only if the state change that produced them commits. {@link OutboxRelay} sends them.
 * Each service's Flyway migrations create the {@code outbox} table in its own schema. A message written while a
 * request (or a record) is handled keeps its {@link RequestId}, which the relay sends as a record header.
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
        String[] requestIds = new String[messages.size()];
        // one id or none: a batch listener handling several requests at once names them all, and that is no one id
        String requestId = RequestId.saneOrNull(RequestId.current());
        for (int i = 0; i < topics.length; i++) {
            topics[i] = messages.get(i).topic();
            keys[i] = messages.get(i).key();
            payloads[i] = messages.get(i).payload();
            requestIds[i] = requestId;
        }
        // one statement however many messages; ids (the relay's order) follow the list's order
        jdbc.update("""
                insert into outbox (topic, msg_key, payload, request_id)
                select m.topic, m.msg_key, m.payload, m.request_id
                from unnest(?::varchar[], ?::varchar[], ?::text[], ?::varchar[])
                    with ordinality as m(topic, msg_key, payload, request_id, n)
                order by m.n""", topics, keys, payloads, requestIds);
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
