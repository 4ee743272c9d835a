package dev.dcp.scheduler.storage.object;

import dev.dcp.scheduler.storage.lease.StorageLeases;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Ends an object: its lease is closed first (providers paid up to now, the rest of the escrow back to the tenant,
 * {@code OBJECT_DELETED} on the chain), then the object leaves every view and its shards are swept. If the lease
 * cannot be closed, nothing changes and the caller hears why; closing twice is harmless.
 */
@Component
public class ObjectDeletion {

    private final ObjectRepository repository;
    private final StorageLeases leases;
    private final ShardSweeper sweeper;
    private final Clock clock;

    ObjectDeletion(ObjectRepository repository, StorageLeases leases, ShardSweeper sweeper, Clock clock) {
        this.repository = repository;
        this.leases = leases;
        this.sweeper = sweeper;
        this.clock = clock;
    }

    /** {@code reason}: deleted (by its owner) or expired (its retention ended; payments stop at its end). */
    public void end(StoredObject object, String reason) {
        leases.close(
                object.id(), clock.instant(), ObjectHoldings.of(object, repository.placements(object.id())), reason);
        if (repository.markDeleting(object.id())) {
            sweeper.sweepSoon(object.id());
        }
    }
}
