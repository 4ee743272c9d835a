package dev.dcp.scheduler.storage.object;

import dev.dcp.common.storage.StorageRecords;
import dev.dcp.scheduler.storage.StorageProperties;
import dev.dcp.scheduler.storage.StorageWorkers;
import dev.dcp.scheduler.storage.lease.StorageLeases;
import dev.dcp.scheduler.storage.transfer.ShardTransfer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes the shards of deleted objects and of uploads that stopped (the client went away, the scheduler crashed):
 * a shard's row goes once its worker confirms the delete, or once the worker has been gone long enough that it is
 * not coming back; the object's row goes with its last shard. Runs on a schedule, and at once after a delete.
 */
@Component
class ShardSweeper {

    private static final Logger log = LoggerFactory.getLogger(ShardSweeper.class);

    private final ObjectRepository repository;
    private final ShardTransfer transfer;
    private final StorageWorkers workers;
    private final StorageProperties properties;
    private final StorageLeases leases;
    private final Clock clock;
    private final ExecutorService soon = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "shard-sweeper");
        t.setDaemon(true);
        return t;
    });

    ShardSweeper(
            ObjectRepository repository,
            ShardTransfer transfer,
            StorageWorkers workers,
            StorageProperties properties,
            StorageLeases leases,
            Clock clock) {
        this.repository = repository;
        this.transfer = transfer;
        this.workers = workers;
        this.properties = properties;
        this.leases = leases;
        this.clock = clock;
    }

    void sweepSoon(UUID objectId) {
        soon.execute(() -> {
            try {
                sweep(objectId);
            } catch (RuntimeException e) {
                log.warn("sweeping object {} failed; the scheduled sweep retries: {}", objectId, e.toString());
            }
        });
    }

    @Scheduled(
            fixedDelayString = "${dcp.storage.sweep-every:30s}",
            initialDelayString = "${dcp.storage.sweep-every:30s}")
    void sweepAll() {
        for (StoredObject o : repository.toSweep(clock.instant().minus(properties.abandonedAfter()), 100)) {
            repository.markDeleting(o.id());
            try {
                sweep(o.id());
            } catch (RuntimeException e) {
                log.warn("sweeping object {} failed; the next sweep retries: {}", o.id(), e.toString());
            }
        }
    }

    void sweep(UUID objectId) {
        List<ShardRecord> shards = repository.placements(objectId);
        Set<String> online = workers.online();
        List<CompletableFuture<?>> deletes = new ArrayList<>();
        for (ShardRecord shard : shards) {
            deletes.add(transfer.send(shard.workerId(), StorageRecords.Op.DELETE, shard.shardId(), new byte[0])
                    .handle((reply, error) -> {
                        if ((error == null && reply.status() == StorageRecords.Status.DELETED)
                                || !online.contains(shard.workerId())) {
                            // confirmed, or its worker is gone: the delete waits on the bus for it if it returns
                            repository.removePlacement(shard.shardId());
                        }
                        return null;
                    }));
        }
        CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new)).join();
        if (repository.placements(objectId).isEmpty()) {
            // an upload that stopped after its lease was opened (a crash, a lost answer) must not keep its escrow:
            // the lease is closed, unpaid, before the last trace of the object goes (a closed one stays as it is)
            leases.close(objectId, clock.instant(), List.of(), "abandoned");
            repository.remove(objectId);
        }
    }
}
