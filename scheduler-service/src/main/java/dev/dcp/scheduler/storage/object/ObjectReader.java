package dev.dcp.scheduler.storage.object;

import dev.dcp.common.storage.NotEnoughShards;
import dev.dcp.common.storage.ObjectLayout;
import dev.dcp.common.storage.PlatformKey;
import dev.dcp.common.storage.SegmentCipher;
import dev.dcp.common.storage.SegmentCodec;
import dev.dcp.scheduler.storage.StorageWorkers;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
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

    private final ShardFetcher fetcher;
    private final StorageWorkers workers;
    private final PlatformKey platformKey;
    private final ObjectRepository repository;
    private final ExecutorService fetches = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "object-reads");
        t.setDaemon(true);
        return t;
    });

    ObjectReader(ShardFetcher fetcher, StorageWorkers workers, PlatformKey platformKey, ObjectRepository repository) {
        this.fetcher = fetcher;
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
        List<ShardRecord> shards = context.shards().getOrDefault(segment, List.of());
        byte[][] good = fetcher.goodShards(object, shards, workers.online());
        int have = ShardFetcher.count(good);
        if (have < k) {
            throw new SegmentUnreadable(segment, have, k);
        }
        try {
            return context.codec().decode(segment, context.cipher(), good);
        } catch (NotEnoughShards e) {
            throw new SegmentUnreadable(segment, e.present(), k);
        }
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
