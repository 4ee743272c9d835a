package dev.dcp.worker.storage;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import dev.dcp.common.kafka.BusConnection;
import dev.dcp.common.kafka.KafkaClients;
import dev.dcp.common.storage.ObjectKeySeal;
import dev.dcp.common.storage.ObjectLayout;
import dev.dcp.common.storage.RangeRead;
import dev.dcp.common.storage.SegmentCipher;
import dev.dcp.common.storage.SegmentCodec;
import dev.dcp.common.storage.ShardTree;
import dev.dcp.common.storage.StorageRecords;
import dev.dcp.worker.identity.WorkerIdentity;
import dev.dcp.worker.kernel.Kernel;
import dev.dcp.worker.kernel.StoredRanges;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Reads a range of a stored object for a replica this worker runs ({@link RangeRead}): asks the scheduler on the
 * bus with a signed request and a fresh key, takes the parts of the answer that the {@link StorageCommandListener}
 * hands over from this worker's partition, uses its own shards where the grant names them (checked against their
 * roots), and decodes and decrypts each segment here.
 */
@Component
public class RangeReader implements StoredRanges {

    /** The longest wait for the next part of an answer: a segment's shards, fetched from other workers. */
    static final Duration PART_TIMEOUT = Duration.ofSeconds(30);

    private final ShardStore store;
    private final WorkerIdentity identity;
    private final Environment environment;
    private final Map<String, BlockingQueue<ConsumerRecord<String, byte[]>>> inboxes = new ConcurrentHashMap<>();
    private volatile KafkaProducer<String, byte[]> producer;

    RangeReader(ShardStore store, WorkerIdentity identity, Environment environment) {
        this.store = store;
        this.identity = identity;
        this.environment = environment;
    }

    /** A RANGE record for this worker: kept for the read it answers, dropped when that read is over. */
    void deliver(ConsumerRecord<String, byte[]> record) {
        BlockingQueue<ConsumerRecord<String, byte[]>> inbox =
                inboxes.get(StorageRecords.get(record.headers(), StorageRecords.REQUEST));
        if (inbox != null) {
            inbox.add(record);
        }
    }

    @Override
    public void read(Kernel.Task task, String cid, long from, long to, boolean useLocal, Piece sink) {
        if (from >= to) {
            return;
        }
        String request = UUID.randomUUID().toString();
        BlockingQueue<ConsumerRecord<String, byte[]>> inbox = new LinkedBlockingQueue<>();
        inboxes.put(request, inbox);
        try {
            ObjectKeySeal.Recipient recipient = ObjectKeySeal.Recipient.fresh();
            ask(new RangeRead.Request(
                    request,
                    identity.id(),
                    task.replicaId(),
                    Base64.getEncoder().encodeToString(recipient.publicKey()),
                    useLocal));
            RangeRead.Grant grant = Json.read(utf8(expect(inbox, RangeRead.Part.GRANT, -1)), RangeRead.Grant.class);
            ObjectLayout layout = grant.layout();
            if (to > layout.size()) {
                throw new Unreadable("the range ends at " + to + ", past the object's " + layout.size(), true);
            }
            SegmentCipher cipher =
                    new SegmentCipher(recipient.open(Base64.getDecoder().decode(grant.sealedKey()), request));
            SegmentCodec codec = new SegmentCodec(layout);
            Map<Integer, RangeRead.Local> local = new HashMap<>();
            grant.local().forEach(l -> local.put(l.segment(), l));
            for (int s = layout.segmentOf(from); s <= layout.segmentOf(to - 1); s++) {
                byte[][] shards = shardsOf(layout, s, expect(inbox, RangeRead.Part.SEGMENT, s), local.get(s));
                byte[] plain;
                try {
                    plain = codec.decode(s, cipher, shards);
                } catch (SegmentCipher.SegmentTampered e) {
                    if (local.containsKey(s)) {
                        throw new LocalShardUnusable("segment " + s + " did not decode with this worker's shard");
                    }
                    throw new IllegalStateException("segment " + s + " did not authenticate", e);
                }
                long start = layout.segmentOffset(s);
                sink.accept(plain, (int) Math.max(0, from - start), (int) Math.min(plain.length, to - start));
            }
        } finally {
            inboxes.remove(request);
        }
    }

    private byte[][] shardsOf(
            ObjectLayout layout, int segment, ConsumerRecord<String, byte[]> part, RangeRead.Local mine) {
        int length = layout.shardLength(segment);
        byte[][] shards = new byte[layout.shardsPerSegment()][];
        String list = StorageRecords.get(part.headers(), RangeRead.SHARDS);
        byte[] value = part.value() == null ? new byte[0] : part.value();
        int at = 0;
        for (String index : list.isEmpty() ? new String[0] : list.split(",")) {
            if (at + length > value.length) {
                throw new IllegalStateException("segment " + segment + " came with fewer bytes than its shards");
            }
            shards[Integer.parseInt(index)] = Arrays.copyOfRange(value, at, at + length);
            at += length;
        }
        if (mine != null) {
            shards[mine.shard()] = ownShard(mine, length);
        }
        return shards;
    }

    private byte[] ownShard(RangeRead.Local mine, int length) {
        Optional<byte[]> bytes;
        try {
            bytes = store.get(mine.shardId());
        } catch (IOException | IllegalArgumentException e) {
            throw new LocalShardUnusable("shard " + mine.shardId() + " could not be read here: " + e);
        }
        if (bytes.isEmpty()
                || bytes.get().length != length
                || !ShardTree.matches(Hashes.unhex(mine.root()), bytes.get(), 0, length)) {
            throw new LocalShardUnusable("shard " + mine.shardId() + " on this disk is not what was stored");
        }
        return bytes.get();
    }

    private void ask(RangeRead.Request request) {
        byte[] value = Json.write(request).getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.STORAGE_REPLIES, request.request(), value);
        StorageRecords.put(record.headers(), StorageRecords.OP, StorageRecords.Op.READ.name());
        StorageRecords.put(record.headers(), StorageRecords.REQUEST, request.request());
        StorageRecords.put(record.headers(), StorageRecords.WORKER, request.worker());
        StorageRecords.put(
                record.headers(), StorageRecords.SIGNATURE, identity.keys().signHex(request.signed()));
        try {
            producer().send(record).get(PART_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new Unreadable("the bus did not take the read request: " + e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreadable("interrupted", false);
        }
    }

    /** The next part, which must be {@code part} (of {@code segment}); a refusal ends the read. */
    private static ConsumerRecord<String, byte[]> expect(
            BlockingQueue<ConsumerRecord<String, byte[]>> inbox, RangeRead.Part part, int segment) {
        ConsumerRecord<String, byte[]> record;
        try {
            record = inbox.poll(PART_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreadable("interrupted", false);
        }
        if (record == null) {
            throw new Unreadable("the scheduler sent no " + part + " in " + PART_TIMEOUT.toSeconds() + " s", false);
        }
        String got = StorageRecords.get(record.headers(), RangeRead.PART);
        if (RangeRead.Part.REFUSED.name().equals(got)) {
            RangeRead.Refusal refusal = Json.read(utf8(record), RangeRead.Refusal.class);
            throw new Unreadable(refusal.reason(), refusal.everywhere());
        }
        if (!part.name().equals(got)
                || (segment >= 0
                        && !Integer.toString(segment)
                                .equals(StorageRecords.get(record.headers(), RangeRead.SEGMENT)))) {
            throw new IllegalStateException("expected " + part + (segment >= 0 ? " " + segment : "") + ", got " + got);
        }
        return record;
    }

    private static String utf8(ConsumerRecord<String, byte[]> record) {
        return new String(record.value() == null ? new byte[0] : record.value(), StandardCharsets.UTF_8);
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer =
                            KafkaClients.bytesProducer(BusConnection.from(environment), "range-reads-" + identity.id());
                }
                p = producer;
            }
        }
        return p;
    }

    @PreDestroy
    void close() {
        KafkaProducer<String, byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }
}
