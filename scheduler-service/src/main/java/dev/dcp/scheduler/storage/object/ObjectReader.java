package dev.dcp.scheduler.storage.object;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.storage.NotEnoughShards;
import dev.dcp.common.storage.ObjectLayout;
import dev.dcp.common.storage.PlatformKey;
import dev.dcp.common.storage.SegmentCipher;
import dev.dcp.common.storage.SegmentCodec;
import dev.dcp.common.storage.ShardTree;
import dev.dcp.common.storage.StorageRecords;
import dev.dcp.scheduler.storage.StorageWorkers;
import dev.dcp.scheduler.storage.transfer.ShardTransfer;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Reads an object's bytes back: for each segment, its data shards first (then no decoding is needed), parity shards
 * only when some are missing or fail their recorded root; any k good shards rebuild the segment, which is then
 * decrypted and authenticated. A shard that is not what was stored is never used, so a reader gets the object's
 * bytes or an error, never other bytes. The next segments are fetched while one is being written.
 */
@Component
class ObjectReader {

    /** Fewer than k good shards of a segment could be found. */
    static final class SegmentUnreadable extends RuntimeException {
        private final int segment;

        SegmentUnreadable(int segment, int good, int needed) {
            super("segment " + segment + " has " + good + " good shards of the " + needed + " needed to read it");
            this.segment = segment;
        }

        int segment() {
            return segment;
        }
    }

    private static final int READ_AHEAD = 2;
    /** A worker that has not sent a shard by then is passed over for another shard of the segment. */
    private static final java.time.Duration FETCH_TIMEOUT = java.time.Duration.ofSeconds(5);

    private final ShardTransfer transfer;
    private final StorageWorkers workers;
    private final PlatformKey platformKey;
    private final ObjectRepository repository;
    private final ExecutorService fetches = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "object-reads");
        t.setDaemon(true);
        return t;
    });

    ObjectReader(ShardTransfer transfer, StorageWorkers workers, PlatformKey platformKey, ObjectRepository repository) {
        this.transfer = transfer;
        this.workers = workers;
        this.platformKey = platformKey;
        this.repository = repository;
    }

    @PreDestroy
    void close() {
        fetches.shutdownNow();
    }

    /** A read in progress: the first segment is already in hand (so a failure is still a clean problem). */
    final class Read {
        private final StoredObject object;
        private final ByteRange range;
        private final Deque<Future<byte[]>> ahead = new ArrayDeque<>();
        private final Context context;
        private int nextToFetch;
        private final int lastSegment;

        private Read(StoredObject object, ByteRange range, Context context) {
            this.object = object;
            this.range = range;
            this.context = context;
            ObjectLayout layout = object.layout();
            this.nextToFetch = layout.segmentOf(range.first());
            this.lastSegment = layout.segmentOf(range.last());
            fillWindow();
            // the first segment before any byte is written: a failure here is still a clean problem response
            CompletableFuture<byte[]> first = CompletableFuture.completedFuture(await(ahead.poll()));
            ahead.addFirst(first);
        }

        private void fillWindow() {
            while (ahead.size() < READ_AHEAD + 1 && nextToFetch <= lastSegment) {
                int segment = nextToFetch++;
                ahead.add(fetches.submit(() -> segment(context, segment)));
            }
        }

        void writeTo(OutputStream out) throws IOException {
            ObjectLayout layout = object.layout();
            int segment = layout.segmentOf(range.first());
            while (!ahead.isEmpty()) {
                byte[] plain = await(ahead.poll());
                fillWindow();
                long start = layout.segmentOffset(segment);
                int from = (int) Math.max(0, range.first() - start);
                int to = (int) Math.min(plain.length, range.last() - start + 1);
                out.write(plain, from, to - from);
                segment++;
            }
            out.flush();
        }
    }

    private record Context(
            StoredObject object, SegmentCodec codec, SegmentCipher cipher, Map<Integer, List<ShardRecord>> shards) {}

    Read open(StoredObject object, ByteRange range) {
        byte[] key = platformKey.unwrap(object.wrappedKey());
        Map<Integer, List<ShardRecord>> bySegment =
                repository.placements(object.id()).stream().collect(Collectors.groupingBy(ShardRecord::segment));
        Context context = new Context(object, new SegmentCodec(object.layout()), new SegmentCipher(key), bySegment);
        return new Read(object, range, context);
    }

    private byte[] segment(Context context, int segment) {
        StoredObject object = context.object();
        int k = object.k();
        int total = k + object.m();
        List<ShardRecord> shards = context.shards().getOrDefault(segment, List.of());
        Set<String> online = workers.online();
        byte[][] good = new byte[total][];
        // shards on online workers, last known good, data shards first (with all k of them nothing is decoded)
        List<ShardRecord> usable = new ArrayList<>(shards.stream()
                .filter(s -> s.healthyOn(online))
                .sorted(java.util.Comparator.comparingInt(ShardRecord::shard))
                .toList());
        int have = 0;
        while (have < k && !usable.isEmpty()) {
            List<ShardRecord> batch = new ArrayList<>(usable.subList(0, Math.min(usable.size(), k - have)));
            usable.removeAll(batch);
            have += fetchInto(batch, good);
        }
        if (have < k) {
            throw new SegmentUnreadable(segment, have, k);
        }
        try {
            return context.codec().decode(segment, context.cipher(), good);
        } catch (NotEnoughShards e) {
            throw new SegmentUnreadable(segment, e.present(), k);
        }
    }

    /** Fetches shards at once, keeps those whose bytes match their recorded root, and notes the others. */
    private int fetchInto(List<ShardRecord> shards, byte[][] good) {
        List<CompletableFuture<ShardTransfer.Reply>> replies = new ArrayList<>();
        for (ShardRecord s : shards) {
            replies.add(transfer.send(s.workerId(), StorageRecords.Op.FETCH, s.shardId(), new byte[0], FETCH_TIMEOUT));
        }
        int kept = 0;
        for (int i = 0; i < shards.size(); i++) {
            ShardRecord s = shards.get(i);
            ShardTransfer.Reply reply;
            try {
                reply = replies.get(i).get();
            } catch (ExecutionException e) {
                continue; // not answered in time: another shard will do
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading", e);
            }
            if (reply.status() == StorageRecords.Status.SHARD
                    && reply.value().length == s.length()
                    && ShardTree.matches(Hashes.unhex(s.root()), reply.value(), 0, s.length())) {
                good[s.shard()] = reply.value();
                kept++;
            } else {
                repository.setVerdict(
                        s.shardId(),
                        reply.status() == StorageRecords.Status.SHARD ? ShardRecord.CORRUPT : ShardRecord.MISSING);
            }
        }
        return kept;
    }

    private static byte[] await(Future<byte[]> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading", e);
        }
    }
}
