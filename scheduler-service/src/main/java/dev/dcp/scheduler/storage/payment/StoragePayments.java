package dev.dcp.scheduler.storage.payment;

import dev.dcp.scheduler.storage.StorageProperties;
import dev.dcp.scheduler.storage.lease.StorageLeases;
import dev.dcp.scheduler.storage.object.ObjectDeletion;
import dev.dcp.scheduler.storage.object.ObjectHoldings;
import dev.dcp.scheduler.storage.object.ObjectRepository;
import dev.dcp.scheduler.storage.object.StoredObject;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Pays providers once per payment period for the shards of each object that stand audited then, and ends the
 * objects whose retention is over (paid to its end, the rest of the escrow back, shards swept). contract-service
 * pays a span of time once only, so a retry or a second scheduler pays nothing twice; an object it cannot reach
 * now is paid the whole span at the next round.
 */
@Component
class StoragePayments {

    private static final Logger log = LoggerFactory.getLogger(StoragePayments.class);
    private static final int PER_ROUND = 200;

    private final ObjectRepository repository;
    private final StorageLeases leases;
    private final ObjectDeletion deletion;
    private final StorageProperties properties;
    private final Clock clock;

    StoragePayments(
            ObjectRepository repository,
            StorageLeases leases,
            ObjectDeletion deletion,
            StorageProperties properties,
            Clock clock) {
        this.repository = repository;
        this.leases = leases;
        this.deletion = deletion;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${dcp.storage.audit-every:30s}",
            initialDelayString = "${dcp.storage.audit-every:30s}")
    void payDue() {
        Instant now = clock.instant();
        for (StoredObject o : repository.paymentDue(now.minus(properties.paymentPeriod()), now, PER_ROUND)) {
            try {
                if (!o.paidUntil().isAfter(now)) {
                    deletion.end(o, "expired");
                    continue;
                }
                StorageLeases.Lease lease =
                        leases.pay(o.id(), now, ObjectHoldings.of(o, repository.placements(o.id())));
                repository.paidThrough(o.id(), lease.paidThrough());
            } catch (RuntimeException e) {
                log.warn("paying for object {} failed; the next round pays the whole span: {}", o.cid(), e.toString());
            }
        }
    }
}
