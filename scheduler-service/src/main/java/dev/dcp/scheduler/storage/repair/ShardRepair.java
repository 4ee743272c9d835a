package dev.dcp.scheduler.storage.repair;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.storage.SegmentCodec;
import dev.dcp.common.storage.ShardTree;
import dev.dcp.common.storage.StorageRecords;
import dev.dcp.scheduler.storage.StorageProperties;
import dev.dcp.scheduler.storage.StorageWorkers;
import dev.dcp.scheduler.storage.object.ObjectRepository;
import dev.dcp.scheduler.storage.object.ShardFetcher;
import dev.dcp.scheduler.storage.object.ShardRecord;
import dev.dcp.scheduler.storage.object.StoredObject;
import dev.dcp.scheduler.storage.placement.ShardPlacement;
import dev.dcp.scheduler.storage.transfer.ShardTransfer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brings segments back to k + m shards: a shard that failed its audit, was found missing or altered, or whose
 * worker has been gone past its lease is rebuilt from k good survivors (any k will do) and placed on a worker that
 * holds no shard of the segment. The rebuilt shard is the very bytes first stored (the code is deterministic), so
 * its recorded root still holds and the new worker's receipt must name it. While k shards of a segment survive,
 * the object stays readable throughout.
 */
@Component
class ShardRepair {

    private static final Logger log = LoggerFactory.getLogger(ShardRepair.class);

    private final ObjectRepository repository;
    private final ShardFetcher fetcher;
    private final ShardTransfer transfer;
    private final StorageWorkers workers;
    private final StorageProperties properties;
    private final Clock clock;

    ShardRepair(
            ObjectRepository repository,
            ShardFetcher fetcher,
            ShardTransfer transfer,
            StorageWorkers workers,
            StorageProperties properties,
            Clock clock) {
        this.repository = repository;
        this.fetcher = fetcher;
        this.transfer = transfer;
        this.workers = workers;
        this.properties = properties;
        this.clock = clock;
    }

    private record SegmentKey(UUID objectId, int segment) {}

    @Scheduled(
            fixedDelayString = "${dcp.storage.repair-every:30s}",
            initialDelayString = "${dcp.storage.repair-every:30s}")
    void repairRound() {
        Map<SegmentKey, List<ShardRecord>> bySegment =
                repository.lost(clock.instant().minus(properties.workerLease()), 1000).stream()
                        .collect(Collectors.groupingBy(
                                s -> new SegmentKey(s.objectId(), s.segment()),
                                LinkedHashMap::new,
                                Collectors.toList()));
        bySegment.forEach((segment, lost) -> {
            try {
                repair(segment.objectId(), segment.segment(), lost);
            } catch (RuntimeException e) {
                log.warn(
                        "repair of segment {} of object {} failed; next round retries: {}",
                        segment.segment(),
                        segment.objectId(),
                        e.toString());
            }
        });
    }

    /** Rebuilds the lost shards of one segment; returns how many were placed again. */
    int repair(UUID objectId, int segment, List<ShardRecord> lost) {
        StoredObject object = repository.byId(objectId).orElse(null);
        if (object == null || object.status() != StoredObject.Status.STORED) {
            return 0;
        }
        List<ShardRecord> all = repository.placements(objectId).stream()
                .filter(s -> s.segment() == segment)
                .toList();
        Set<String> lostIds = lost.stream().map(ShardRecord::shardId).collect(Collectors.toSet());
        List<ShardRecord> survivors =
                all.stream().filter(s -> !lostIds.contains(s.shardId())).toList();
        byte[][] good = fetcher.goodShards(object, survivors, workers.online());
        int have = ShardFetcher.count(good);
        if (have < object.k()) {
            log.warn(
                    "segment {} of object {} has {} good shards of the {} needed: it cannot be repaired now",
                    segment,
                    objectId,
                    have,
                    object.k());
            return 0;
        }
        byte[][] shards = new SegmentCodec(object.layout()).rebuild(segment, good);
        Set<String> holders = all.stream().map(ShardRecord::workerId).collect(Collectors.toSet());
        List<String> targets;
        try {
            targets = ShardPlacement.choose(
                    workers.candidates(), lost.size(), lost.get(0).length(), segment, holders);
        } catch (ShardPlacement.NotEnoughWorkers e) {
            log.warn("no worker to rebuild segment {} of object {} on: {}", segment, objectId, e.getMessage());
            return 0;
        }
        List<CompletableFuture<ShardTransfer.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < lost.size(); i++) {
            ShardRecord shard = lost.get(i);
            byte[] bytes = shards[shard.shard()];
            if (!Hashes.hex(ShardTree.root(bytes)).equals(shard.root())) {
                throw new IllegalStateException("rebuilt shard " + shard.shardId() + " is not the one stored");
            }
            replies.add(transfer.send(targets.get(i), StorageRecords.Op.STORE, shard.shardId(), bytes));
        }
        int placed = 0;
        for (int i = 0; i < lost.size(); i++) {
            ShardRecord shard = lost.get(i);
            try {
                ShardTransfer.Reply reply = replies.get(i).get();
                if (reply.storedExactly(shard.root())) {
                    repository.moved(shard.shardId(), targets.get(i));
                    placed++;
                    // the old copy, if its worker is still there, is no longer ours to keep
                    var unused =
                            transfer.send(shard.workerId(), StorageRecords.Op.DELETE, shard.shardId(), new byte[0]);
                }
            } catch (ExecutionException e) {
                log.warn(
                        "worker {} did not take rebuilt shard {}: {}",
                        targets.get(i),
                        shard.shardId(),
                        e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return placed;
            }
        }
        log.info("repaired {} of {} lost shards of segment {} of object {}", placed, lost.size(), segment, objectId);
        return placed;
    }
}
