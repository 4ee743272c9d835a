package dev.dcp.scheduler.storage.object;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.storage.ShardTree;
import dev.dcp.common.storage.StorageRecords;
import dev.dcp.scheduler.storage.transfer.ShardTransfer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.springframework.stereotype.Component;

/**
 * Gets k good shards of a segment: from online workers whose shard is last known good, data shards first (with all
 * k of them nothing needs decoding), each checked against its recorded root; a shard that is missing, late or other
 * bytes is marked so and the next one asked for. Reads and repairs both start here.
 */
@Component
public class ShardFetcher {

    /** A worker that has not sent a shard by then is passed over for another shard of the segment. */
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private final ShardTransfer transfer;
    private final ObjectRepository repository;

    ShardFetcher(ShardTransfer transfer, ObjectRepository repository) {
        this.transfer = transfer;
        this.repository = repository;
    }

    /** The segment's shards by index, {@code null} where none good was got; at most k are fetched when all go well. */
    public byte[][] goodShards(StoredObject object, List<ShardRecord> segmentShards, Set<String> online) {
        return goodShards(object, segmentShards, online, object.k());
    }

    /** As {@link #goodShards(StoredObject, List, Set)}, stopping at {@code wanted} good shards. */
    public byte[][] goodShards(StoredObject object, List<ShardRecord> segmentShards, Set<String> online, int wanted) {
        byte[][] good = new byte[object.k() + object.m()][];
        List<ShardRecord> usable = new ArrayList<>(segmentShards.stream()
                .filter(s -> s.healthyOn(online))
                .sorted(Comparator.comparingInt(ShardRecord::shard))
                .toList());
        int have = 0;
        while (have < wanted && !usable.isEmpty()) {
            List<ShardRecord> batch = new ArrayList<>(usable.subList(0, Math.min(usable.size(), wanted - have)));
            usable.removeAll(batch);
            have += fetchInto(batch, good);
        }
        return good;
    }

    /** How many shards {@link #goodShards} got. */
    public static int count(byte[][] shards) {
        int n = 0;
        for (byte[] s : shards) {
            n += s == null ? 0 : 1;
        }
        return n;
    }

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
                throw new IllegalStateException("interrupted while fetching shards", e);
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
}
