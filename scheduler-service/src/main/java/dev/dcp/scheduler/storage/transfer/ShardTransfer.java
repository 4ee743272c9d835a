package dev.dcp.scheduler.storage.transfer;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.event.Topics;
import dev.dcp.common.kafka.BusConnection;
import dev.dcp.common.kafka.KafkaClients;
import dev.dcp.common.storage.StorageRecords;
import dev.dcp.common.storage.StorageRecords.Op;
import dev.dcp.common.storage.StorageRecords.Status;
import dev.dcp.scheduler.storage.StorageProperties;
import dev.dcp.scheduler.worker.WorkerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Storage commands to workers and their replies, as request and answer: a command goes to its worker's partition of
 * {@code dcp.storage.commands}; the reply comes back on {@code dcp.storage.replies} with the request id, and is taken
 * only when it is signed by the key of the worker it was sent to. Workers only ever connect out, to the bus.
 *
 * <p>This scheduler reads every partition of the replies from their end, so it sees the answers to its own requests
 * (and ignores others'); more than one scheduler would each read all replies, which is correct but not cheap.
 */
@Component
public class ShardTransfer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShardTransfer.class);

    /** A worker's verified answer: its status, the root it claims for a stored shard, and the bytes it sent. */
    public record Reply(String workerId, String shardId, Status status, String root, byte[] value) {

        /** Whether this receipts a shard stored as exactly the bytes with that root: the only proof a store took. */
        public boolean storedExactly(String expectedRoot) {
            return status == Status.STORED && expectedRoot.equals(root);
        }
    }

    /** The worker did not answer, or answered with something that is not its signed reply. */
    public static final class TransferFailed extends RuntimeException {
        public TransferFailed(String message) {
            super(message);
        }
    }

    private record Pending(String workerId, String shardId, CompletableFuture<Reply> reply) {}

    private final Environment environment;
    private final WorkerRegistry registry;
    private final Duration timeout;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Consumer<ConsumerRecord<String, byte[]>> readRequests = record -> {};
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    ShardTransfer(Environment environment, WorkerRegistry registry, StorageProperties properties) {
        this.environment = environment;
        this.registry = registry;
        this.timeout = properties.requestTimeout();
    }

    /** Sends one command; the future completes with the worker's verified reply or fails after the timeout. */
    public CompletableFuture<Reply> send(String workerId, Op op, String shardId, byte[] value) {
        return send(workerId, op, shardId, value, timeout);
    }

    /** As {@link #send(String, Op, String, byte[])}, waiting at most {@code within} for the reply. */
    public CompletableFuture<Reply> send(String workerId, Op op, String shardId, byte[] value, Duration within) {
        try {
            if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return CompletableFuture.failedFuture(new TransferFailed("the storage bus is not ready"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new TransferFailed("interrupted"));
        }
        String request = UUID.randomUUID().toString();
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        pending.put(request, new Pending(workerId, shardId, reply));
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.STORAGE_COMMANDS, Topics.storagePartition(workerId), workerId, value);
        StorageRecords.put(record.headers(), StorageRecords.OP, op.name());
        StorageRecords.put(record.headers(), StorageRecords.REQUEST, request);
        StorageRecords.put(record.headers(), StorageRecords.SHARD, shardId);
        // the callback reports a refused send; the reply (or its timeout) settles the request
        var unused = producer.send(record, (metadata, error) -> {
            if (error != null) {
                reply.completeExceptionally(new TransferFailed("the bus refused a storage command: " + error));
            }
        });
        return reply.orTimeout(within.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> pending.remove(request));
    }

    /**
     * Where the workers' own requests to read ({@link Op#READ}) go; called on the reply loop's thread, so it must
     * hand the work on at once.
     */
    public void onReadRequests(Consumer<ConsumerRecord<String, byte[]>> handler) {
        this.readRequests = handler;
    }

    /**
     * Sends one record to a worker's partition that asks for no reply (a part of the answer to its read); the
     * future completes when the bus has it.
     */
    public CompletableFuture<Void> push(
            String workerId, Op op, String request, Map<String, String> headers, byte[] value) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.STORAGE_COMMANDS, Topics.storagePartition(workerId), workerId, value);
        StorageRecords.put(record.headers(), StorageRecords.OP, op.name());
        StorageRecords.put(record.headers(), StorageRecords.REQUEST, request);
        headers.forEach((name, v) -> StorageRecords.put(record.headers(), name, v));
        var unused = producer.send(record, (metadata, error) -> {
            if (error != null) {
                sent.completeExceptionally(new TransferFailed("the bus refused a record for a worker: " + error));
            } else {
                sent.complete(null);
            }
        });
        return sent;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        BusConnection bus = BusConnection.from(environment);
        producer = KafkaClients.bytesProducer(bus, "scheduler-storage");
        thread = new Thread(() -> listen(bus), "storage-replies");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen(BusConnection bus) {
        try (KafkaConsumer<String, byte[]> c = KafkaClients.bytesConsumer(bus, "scheduler-storage-replies", null)) {
            consumer = c;
            List<PartitionInfo> partitions = List.of();
            while (running && partitions.isEmpty()) {
                partitions = c.partitionsFor(Topics.STORAGE_REPLIES, Duration.ofSeconds(10));
            }
            List<TopicPartition> all = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            c.assign(all);
            c.seekToEnd(all);
            all.forEach(c::position); // resolve the end now: replies to requests sent from here on are all seen
            ready.countDown();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                    accept(record);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            if (running) {
                log.error("the storage reply loop stopped; storage requests will time out until restart", e);
            }
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        if (Op.READ.name().equals(StorageRecords.get(record.headers(), StorageRecords.OP))) {
            readRequests.accept(record);
            return;
        }
        String request = StorageRecords.get(record.headers(), StorageRecords.REQUEST);
        Pending p = pending.get(request);
        if (p == null) {
            return; // another scheduler's, or one that timed out
        }
        StorageRecords.ReplyHeaders h;
        try {
            h = StorageRecords.ReplyHeaders.readFrom(record.headers());
        } catch (IllegalArgumentException e) {
            p.reply().completeExceptionally(new TransferFailed("a reply without a known status"));
            return;
        }
        String key = registry.keyOf(p.workerId()).orElse(null);
        if (!p.workerId().equals(h.worker())
                || !p.shardId().equals(h.shard())
                || key == null
                || !Ed25519.verifyHex(key, h.receipt(), h.signature())) {
            log.warn("ignored a storage reply to {} not signed by worker {}", request, p.workerId());
            return; // a forgery does not settle the request; the worker's own reply still may
        }
        p.reply()
                .complete(new Reply(
                        h.worker(),
                        h.shard(),
                        h.status(),
                        h.root(),
                        record.value() == null ? new byte[0] : record.value()));
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
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        pending.values().forEach(p -> p.reply().completeExceptionally(new TransferFailed("the scheduler is stopping")));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
