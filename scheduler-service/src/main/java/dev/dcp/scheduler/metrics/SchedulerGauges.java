package dev.dcp.scheduler.metrics;

import dev.dcp.scheduler.job.JobStatus;
import dev.dcp.scheduler.job.WorkStore;
import dev.dcp.scheduler.worker.WorkerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database every few seconds, rather than on every scrape: jobs by status, the queue
 * (outbox rows not yet sent, replicas not yet answered) and each online worker's busy slots.
 */
@Component
class SchedulerGauges {

    private final JdbcTemplate jdbc;
    private final WorkStore store;
    private final WorkerRegistry workers;
    private final Map<JobStatus, AtomicLong> jobs = new EnumMap<>(JobStatus.class);
    private final AtomicLong outbox = new AtomicLong();
    private final AtomicLong outstanding = new AtomicLong();
    private final MultiGauge busySlots;
    private final MultiGauge slots;
    private final Clock clock;

    SchedulerGauges(JdbcTemplate jdbc, WorkStore store, WorkerRegistry workers, MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.store = store;
        this.workers = workers;
        for (JobStatus s : JobStatus.values()) {
            AtomicLong n = new AtomicLong();
            jobs.put(s, n);
            Gauge.builder("dcp.scheduler.jobs", n, AtomicLong::get)
                    .tag("status", s.name())
                    .register(meters);
        }
        Gauge.builder("dcp.scheduler.queue.outbox", outbox, AtomicLong::get)
                .description("messages committed but not yet sent to Kafka")
                .register(meters);
        Gauge.builder("dcp.scheduler.queue.replicas", outstanding, AtomicLong::get)
                .description("replicas dispatched and not yet answered")
                .register(meters);
        this.busySlots = MultiGauge.builder("dcp.scheduler.worker.slots.busy").register(meters);
        this.slots = MultiGauge.builder("dcp.scheduler.worker.slots").register(meters);
    }

    @Scheduled(fixedDelayString = "${dcp.scheduler.gauges:5s}")
    void refresh() {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        jdbc.query("select status, count(*) from jobs group by status", rs -> {
            counts.put(JobStatus.valueOf(rs.getString(1)), rs.getLong(2));
        });
        jobs.forEach((s, n) -> n.set(counts.getOrDefault(s, 0L)));
        outbox.set(store.pendingOutbox());
        outstanding.set(store.outstandingReplicas());
        var online = workers.online(clock.instant().minus(Duration.ofSeconds(15)));
        busySlots.register(
                online.stream()
                        .map(w -> MultiGauge.Row.of(Tags.of("worker", w.id()), w.busySlots()))
                        .toList(),
                true);
        slots.register(
                online.stream()
                        .map(w -> MultiGauge.Row.of(Tags.of("worker", w.id()), w.slots()))
                        .toList(),
                true);
    }
}
