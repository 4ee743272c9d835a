package dev.dcp.scheduler.storage;

import dev.dcp.scheduler.storage.placement.ShardPlacement;
import dev.dcp.scheduler.worker.Enrolments;
import dev.dcp.scheduler.worker.WorkerRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The workers that may take shards now: online, enrolled and eligible, offering space; and which are online. */
@Component
public class StorageWorkers {

    private final WorkerRegistry registry;
    private final Enrolments enrolments;
    private final Clock clock;

    StorageWorkers(WorkerRegistry registry, Enrolments enrolments, Clock clock) {
        this.registry = registry;
        this.enrolments = enrolments;
        this.clock = clock;
    }

    public List<ShardPlacement.Candidate> candidates() {
        return registry.storageOnline(clock.instant().minus(WorkerRegistry.ONLINE_WINDOW)).stream()
                .flatMap(w -> enrolments.known(w.publicKey()).filter(Enrolments.Enrolment::eligible).stream()
                        .map(e -> new ShardPlacement.Candidate(
                                w.id(),
                                e.providerId(),
                                Math.max(0, Enrolments.storageOffer(e, w.storageBytes()) - w.storedBytes()))))
                .toList();
    }

    /** Workers heard from within the online window, storage or not: whose shards can be read now. */
    public Set<String> online() {
        return registry.online(clock.instant().minus(WorkerRegistry.ONLINE_WINDOW)).stream()
                .map(WorkerRegistry.WorkerRow::id)
                .collect(Collectors.toUnmodifiableSet());
    }
}
