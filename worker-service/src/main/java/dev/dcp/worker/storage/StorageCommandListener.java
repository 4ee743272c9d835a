package dev.dcp.worker.storage;

import dev.dcp.common.event.Topics;
import dev.dcp.common.kafka.BusConnection;
import dev.dcp.common.kafka.KafkaClients;
import dev.dcp.common.storage.StorageRecords;
import dev.dcp.worker.identity.WorkerIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Reads this worker's partition of the storage commands (and skips records for the other workers that share it),
 * hands each to the {@link ShardKeeper}, and sends its reply; the parts of answers to this
 * worker's own reads go to the {@link RangeReader}. Offsets are committed only once the replies are on the
 * bus, so a crash repeats commands rather than losing them; every command is idempotent. Runs on every worker: one that
 * offers no storage refuses shards, and still reads the stored objects of the subtasks it runs.
 */
@Component
class StorageCommandListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StorageCommandListener.class);

    private final ShardStore store;
    private final RangeReader ranges;
    private final WorkerIdentity identity;
    private final Environment environment;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    StorageCommandListener(ShardStore store, RangeReader ranges, WorkerIdentity identity, Environment environment) {
        this.store = store;
        this.ranges = ranges;
        this.identity = identity;
        this.environment = environment;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "storage-commands");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        BusConnection bus = BusConnection.from(environment);
        String id = identity.id();
        ShardKeeper keeper = new ShardKeeper(store, id, identity.keys());
        TopicPartition mine = new TopicPartition(Topics.STORAGE_COMMANDS, Topics.storagePartition(id));
        try (KafkaConsumer<String, byte[]> c =
                        KafkaClients.bytesConsumer(bus, "storage-" + id, "worker-storage-" + id);
                KafkaProducer<String, byte[]> producer = KafkaClients.bytesProducer(bus, "storage-replies-" + id)) {
            consumer = c;
            c.assign(List.of(mine));
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                List<Future<?>> sent = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (!id.equals(record.key())) {
                        continue;
                    }
                    if (StorageRecords.Op.RANGE
                            .name()
                            .equals(StorageRecords.get(record.headers(), StorageRecords.OP))) {
                        ranges.deliver(record); // a part of a read this worker asked for: no reply
                        continue;
                    }
                    sent.add(producer.send(toRecord(handle(keeper, record))));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
                if (!records.isEmpty()) {
                    c.commitSync();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (Exception e) {
            if (running) {
                log.error("the storage command loop stopped; shards on this worker are not served until restart", e);
            }
        } finally {
            running = false;
        }
    }

    private static ShardKeeper.Reply handle(ShardKeeper keeper, ConsumerRecord<String, byte[]> record) {
        String request = StorageRecords.get(record.headers(), StorageRecords.REQUEST);
        String shard = StorageRecords.get(record.headers(), StorageRecords.SHARD);
        StorageRecords.Op op;
        try {
            op = StorageRecords.Op.valueOf(StorageRecords.get(record.headers(), StorageRecords.OP));
        } catch (IllegalArgumentException e) {
            log.warn("storage command {} has no known op; ignored", request);
            return keeper.handle(StorageRecords.Op.FETCH, request, "", new byte[0]);
        }
        return keeper.handle(op, request, shard, record.value() == null ? new byte[0] : record.value());
    }

    private static ProducerRecord<String, byte[]> toRecord(ShardKeeper.Reply reply) {
        ProducerRecord<String, byte[]> out =
                new ProducerRecord<>(Topics.STORAGE_REPLIES, reply.request(), reply.value());
        new StorageRecords.ReplyHeaders(
                        reply.request(), reply.shard(), reply.worker(), reply.status(), reply.root(), reply.signature())
                .writeTo(out.headers());
        return out;
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
