package dev.dcp.scheduler.worker;

import dev.dcp.common.web.Paging;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Workers")
@RestController
class WorkerController {

    record WorkerView(
            String id,
            String providerId,
            String status,
            int slots,
            int busySlots,
            long pricePerCpuSecond,
            double reputation,
            long accepted,
            long rejected,
            Instant lastSeen,
            boolean enrolled,
            boolean eligible,
            long storageBytes,
            long pricePerGiBDay,
            long storedBytes) {}

    record WorkerPage(List<WorkerView> items, String nextCursor) {}

    private final WorkerRegistry registry;
    private final Enrolments enrolments;
    private final Clock clock;

    WorkerController(WorkerRegistry registry, Enrolments enrolments, Clock clock) {
        this.clock = clock;
        this.registry = registry;
        this.enrolments = enrolments;
    }

    @GetMapping("/api/v1/workers")
    WorkerPage list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        int size = Paging.limit(limit);
        List<WorkerRegistry.WorkerRow> rows = registry.page(cursor == null ? "" : cursor, size + 1);
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            next = rows.get(size - 1).id();
        }
        Instant onlineSince = clock.instant().minus(WorkerRegistry.ONLINE_WINDOW);
        return new WorkerPage(
                rows.stream()
                        .map(w -> {
                            Enrolments.Enrolment e =
                                    enrolments.known(w.publicKey()).orElse(null);
                            return new WorkerView(
                                    w.id(),
                                    e == null ? null : e.providerId(),
                                    w.lastSeen().isAfter(onlineSince) ? "ONLINE" : "OFFLINE",
                                    w.slots(),
                                    w.busySlots(),
                                    e == null ? 0 : e.pricePerCpuSecond(),
                                    e == null ? 0.0 : e.reputation(),
                                    w.accepted(),
                                    w.rejected(),
                                    w.lastSeen(),
                                    e != null,
                                    e != null && e.eligible(),
                                    Enrolments.storageOffer(e, w.storageBytes()),
                                    e == null ? 0 : e.pricePerGiBDay(),
                                    w.storedBytes());
                        })
                        .toList(),
                next);
    }
}
