package dev.dcp.common.outbox;

import dev.dcp.common.web.RequestId;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends committed outbox rows to Kafka in order, then deletes them. A crash between send and delete sends
 * those rows again, which is why every consumer is idempotent; a row is never deleted unsent.
 */
public class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 2000;

    private final DataSource dataSource;
    private final Producer<String, String> producer;
    private final Object signal = new Object();
    private volatile boolean running;
    private volatile boolean pending = true;
    private Thread thread;

    public OutboxRelay(DataSource dataSource, Producer<String, String> producer) {
        this.dataSource = dataSource;
        this.producer = producer;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    public void wake() {
        synchronized (signal) {
            pending = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        long backoff = 100;
        while (running) {
            try {
                int sent = relayOnce();
                backoff = 100;
                if (sent < BATCH) {
                    synchronized (signal) {
                        if (!pending && running) {
                            signal.wait(250); // a periodic look also picks up rows of other instances
                        }
                        pending = false;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                log.warn("outbox relay failed, retrying in {} ms: {}", backoff, e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    /** Sends one batch; returns how many rows it sent. */
    public int relayOnce() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Long> ids = new ArrayList<>();
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "select id, topic, msg_key, payload, request_id from outbox order by id limit ?"
                                + " for update skip locked")) {
                    ps.setInt(1, BATCH);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                            acks.add(producer.send(
                                    record(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                producer.flush();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(30, TimeUnit.SECONDS);
                }
                try (PreparedStatement del = c.prepareStatement("delete from outbox where id = any (?)")) {
                    Array array = c.createArrayOf("bigint", ids.toArray());
                    del.setArray(1, array);
                    del.executeUpdate();
                }
                c.commit();
                return ids.size();
            } catch (Exception e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    /** The message as a record; the id of the request that caused it, if any, rides along as a header. */
    static ProducerRecord<String, String> record(String topic, String key, String payload, String requestId) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        if (requestId != null) {
            record.headers().add(RequestId.HEADER, requestId.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is going back to the pool broken anyway
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close();
    }
}
