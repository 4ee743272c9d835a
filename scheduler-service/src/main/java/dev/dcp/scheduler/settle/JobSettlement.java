package dev.dcp.scheduler.settle;

import dev.dcp.common.event.Kind;
import dev.dcp.common.ledger.TransactionTypes;
import dev.dcp.common.metering.WorkUnit;
import dev.dcp.common.outbox.LedgerOutbox;
import dev.dcp.scheduler.job.Job;
import dev.dcp.scheduler.job.JobEvents;
import dev.dcp.scheduler.job.JobRepository;
import dev.dcp.scheduler.job.JobStatus;
import dev.dcp.scheduler.job.WorkStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second step of a job's end. Once the transaction that ended a job commits, contract-service pays for its
 * accepted work and releases the rest of the escrow; then the job takes its final status and cost, the ending is
 * recorded on the ledger with that cost and announced. If contract-service does not answer, the job waits (still
 * RUNNING to its tenant) and the sweeper asks again: settlement there happens once however often it is asked.
 */
@Component
public class JobSettlement {

    private static final Logger log = LoggerFactory.getLogger(JobSettlement.class);
    /** Jobs that ended this long ago and are still unsettled are the sweeper's. */
    static final Duration SWEEP_AFTER = Duration.ofSeconds(2);
    /** Longer than any admission and store take: a pending admission this old was interrupted. */
    static final Duration ORPHAN_AFTER = Duration.ofMinutes(1);

    private final JobRepository jobs;
    private final WorkStore store;
    private final SettlementClient client;
    private final LedgerOutbox ledger;
    private final JobEvents events;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;
    private final Clock clock;
    /** One thread: settlements go out in the order jobs ended; what a stop loses, the sweeper finds. */
    private final ExecutorService settler =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "job-settlement");
                t.setDaemon(true);
                return t;
            });

    JobSettlement(
            JobRepository jobs,
            WorkStore store,
            SettlementClient client,
            LedgerOutbox ledger,
            JobEvents events,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            MeterRegistry meters,
            Clock clock) {
        this.clock = clock;
        this.jobs = jobs;
        this.store = store;
        this.client = client;
        this.ledger = ledger;
        this.events = events;
        this.jdbc = jdbc;
        // called from afterCompletion of another transaction: this work needs its own
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.meters = meters;
    }

    /**
     * Settles the job once the current transaction has committed, on the settlement thread, so that the caller
     * (a result consumer) goes on with the next answers meanwhile; jobs ended in one transaction go together.
     */
    public void settleAfterCommit(String jobId) {
        settleAfterCommit(jobId, false);
    }

    /** The same, on the caller's thread when {@code now}: a cancellation answers with the job settled. */
    public void settleAfterCommit(String jobId, boolean now) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("a job ends inside a transaction");
        }
        @SuppressWarnings("unchecked")
        Set<String> pending = (Set<String>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Set<String> ended = new LinkedHashSet<>();
            TransactionSynchronizationManager.bindResource(this, ended);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResource(JobSettlement.this);
                    if (status == STATUS_COMMITTED) {
                        if (now) {
                            settle(ended);
                        } else {
                            // a full queue or a stopping executor leaves the jobs to the sweeper
                            try {
                                settler.execute(() -> settle(ended));
                            } catch (RuntimeException e) {
                                log.debug("settlement of {} left to the sweeper: {}", ended, e.toString());
                            }
                        }
                    }
                }
            });
            pending = ended;
        }
        pending.add(jobId);
    }

    @PreDestroy
    void stop() {
        settler.shutdown();
    }

    /** A job about to be admitted: remembered until {@link #stored} or {@link #notAdmitted} forgets it. */
    public void admitting(String jobId, String tenantId) {
        jdbc.update(
                "insert into pending_admissions (job_id, tenant_id, created_at) values (?, ?, ?)",
                jobId,
                tenantId,
                Timestamp.from(clock.instant()));
    }

    /** Admission refused: nothing was locked. */
    public void notAdmitted(String jobId) {
        forgetAdmission(jobId);
    }

    /** In the transaction that stores the job: from now on its ending settles it. */
    public void stored(String jobId) {
        forgetAdmission(jobId);
    }

    private void forgetAdmission(String jobId) {
        jdbc.update("delete from pending_admissions where job_id = ?", jobId);
    }

    /**
     * A job admitted (its escrow locked) that was not stored: close its escrow, paying nothing. If
     * contract-service does not answer now, the row stays and the sweeper asks again.
     */
    public void releaseUnstored(String jobId, String tenantId) {
        try {
            client.settle(
                    List.of(new SettlementClient.EndedJob(jobId, tenantId, JobStatus.FAILED.name(), 1, List.of())));
            forgetAdmission(jobId);
        } catch (RuntimeException e) {
            log.warn("job {} was admitted but not stored, and its escrow is not released yet: {}", jobId, e.toString());
        }
    }

    @Scheduled(fixedDelayString = "${dcp.scheduler.settlement-sweep:2s}", initialDelayString = "2s")
    void sweep() {
        List<String> waiting = jdbc.queryForList(
                "select id from jobs where ending is not null and status = 'RUNNING' "
                        + "and completed_at < ? order by completed_at limit 200",
                String.class,
                Timestamp.from(clock.instant().minus(SWEEP_AFTER)));
        if (!waiting.isEmpty()) {
            log.info("settling {} ended job(s) left unsettled", waiting.size());
            settle(waiting);
        }
        // admitted, then neither stored nor refused: the process stopped in between
        List<Map<String, Object>> orphans = jdbc.queryForList(
                "select job_id, tenant_id from pending_admissions "
                        + "where created_at < ? order by created_at limit 200",
                Timestamp.from(clock.instant().minus(ORPHAN_AFTER)));
        for (Map<String, Object> o : orphans) {
            String jobId = (String) o.get("job_id");
            if (jobs.existsById(jobId)) {
                stored(jobId);
            } else {
                log.info("releasing the escrow of job {}, admitted but never stored", jobId);
                releaseUnstored(jobId, (String) o.get("tenant_id"));
            }
        }
    }

    /** Settles what it can; whatever fails stays for the sweeper. */
    void settle(Collection<String> jobIds) {
        try {
            List<SettlementClient.EndedJob> ended = new ArrayList<>();
            Map<String, long[]> totals = new HashMap<>();
            for (String id : jobIds) {
                Job job = jobs.findById(id).orElse(null);
                if (job == null || job.getEnding() == null) {
                    continue;
                }
                List<WorkStore.AcceptedWork> accepted = store.acceptedWork(id);
                List<SettlementClient.WorkLine> work = accepted.stream()
                        .map(w -> new SettlementClient.WorkLine(w.workerKey(), w.units(), w.replicas()))
                        .toList();
                long[] sums = totals.computeIfAbsent(id, k -> new long[2]);
                accepted.forEach(w -> {
                    sums[0] = Math.addExact(sums[0], w.units());
                    sums[1] = Math.addExact(sums[1], w.cpuMillis());
                });
                long unitsPerSecond = Kind.named(job.getKind())
                        .map(k -> WorkUnit.of(k).unitsPerReferenceCpuSecond())
                        .orElseThrow(
                                () -> new IllegalStateException("job " + id + " of unknown kind " + job.getKind()));
                ended.add(new SettlementClient.EndedJob(
                        id, job.getTenantId(), job.getEnding().name(), unitsPerSecond, work));
            }
            if (ended.isEmpty()) {
                return;
            }
            List<SettlementClient.Settled> settled = client.settle(ended);
            tx.executeWithoutResult(status ->
                    settled.forEach(s -> finish(s, totals.getOrDefault(s.jobId(), new long[2]))));
            meters.counter("dcp.scheduler.settlements").increment(settled.size());
        } catch (RuntimeException e) {
            meters.counter("dcp.scheduler.settlements.failed").increment();
            log.warn("settlement of {} job(s) failed, the sweeper will retry: {}", jobIds.size(), e.toString());
        }
    }

    /** @param totals the units paid for and the CPU milliseconds reported by the accepted answers */
    private void finish(SettlementClient.Settled s, long[] totals) {
        Job job = jobs.lockById(s.jobId()).orElse(null);
        if (job == null || job.getEnding() == null) {
            return; // settled by a concurrent sweep
        }
        JobStatus ending = job.getEnding();
        job.settled(s.cost(), totals[0], totals[1]);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("job", job.getId());
        payload.put("cost", s.cost());
        String type = switch (ending) {
            case COMPLETED -> {
                payload.put("resultHash", job.getResultHash());
                yield TransactionTypes.JOB_COMPLETED;
            }
            case FAILED -> {
                payload.put("reason", job.getError());
                yield TransactionTypes.JOB_FAILED;
            }
            default -> TransactionTypes.JOB_CANCELLED;
        };
        ledger.publish(type, payload);
        events.announce(job);
    }
}
