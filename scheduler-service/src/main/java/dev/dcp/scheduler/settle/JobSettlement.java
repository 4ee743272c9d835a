package dev.dcp.scheduler.settle;

import dev.dcp.common.ledger.TransactionTypes;
import dev.dcp.common.outbox.LedgerOutbox;
import dev.dcp.scheduler.job.Job;
import dev.dcp.scheduler.job.JobEvents;
import dev.dcp.scheduler.job.JobRepository;
import dev.dcp.scheduler.job.JobStatus;
import dev.dcp.scheduler.job.WorkStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private final JobRepository jobs;
    private final WorkStore store;
    private final SettlementClient client;
    private final LedgerOutbox ledger;
    private final JobEvents events;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;
    private final Clock clock = Job.CLOCK;

    JobSettlement(JobRepository jobs, WorkStore store, SettlementClient client, LedgerOutbox ledger,
                  JobEvents events, JdbcTemplate jdbc, PlatformTransactionManager transactions, MeterRegistry meters) {
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

    /** Settles the job once the current transaction has committed; jobs ended in one transaction go together. */
    public void settleAfterCommit(String jobId) {
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
                        settle(ended);
                    }
                }
            });
            pending = ended;
        }
        pending.add(jobId);
    }

    /** A job admitted (its escrow locked) that could not be stored: close its escrow, paying nothing. */
    public void releaseUnstored(String jobId, String tenantId) {
        try {
            client.settle(List.of(new SettlementClient.EndedJob(jobId, tenantId, JobStatus.FAILED.name(), List.of())));
        } catch (RuntimeException e) {
            log.error("job {} was admitted but not stored, and its escrow could not be released: {}", jobId,
                    e.toString());
        }
    }

    @Scheduled(fixedDelayString = "${dcp.scheduler.settlement-sweep:2s}", initialDelayString = "2s")
    void sweep() {
        List<String> waiting = jdbc.queryForList("select id from jobs where ending is not null and status = 'RUNNING' "
                + "and completed_at < ? order by completed_at limit 200", String.class,
                Timestamp.from(clock.instant().minus(SWEEP_AFTER)));
        if (!waiting.isEmpty()) {
            log.info("settling {} ended job(s) left unsettled", waiting.size());
            settle(waiting);
        }
    }

    /** Settles what it can; whatever fails stays for the sweeper. */
    void settle(Collection<String> jobIds) {
        try {
            List<SettlementClient.EndedJob> ended = new ArrayList<>();
            for (String id : jobIds) {
                Job job = jobs.findById(id).orElse(null);
                if (job == null || job.getEnding() == null) {
                    continue;
                }
                List<SettlementClient.WorkLine> work = store.acceptedWork(id).stream()
                        .map(w -> new SettlementClient.WorkLine(w.workerKey(), w.cpuMillis(), w.replicas())).toList();
                ended.add(new SettlementClient.EndedJob(id, job.getTenantId(), job.getEnding().name(), work));
            }
            if (ended.isEmpty()) {
                return;
            }
            List<SettlementClient.Settled> settled = client.settle(ended);
            tx.executeWithoutResult(status -> settled.forEach(this::finish));
            meters.counter("dcp.scheduler.settlements").increment(settled.size());
        } catch (RuntimeException e) {
            meters.counter("dcp.scheduler.settlements.failed").increment();
            log.warn("settlement of {} job(s) failed, the sweeper will retry: {}", jobIds.size(), e.toString());
        }
    }

    private void finish(SettlementClient.Settled s) {
        Job job = jobs.lockById(s.jobId()).orElse(null);
        if (job == null || job.getEnding() == null) {
            return; // settled by a concurrent sweep
        }
        JobStatus ending = job.getEnding();
        job.settled(s.cost());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("job", job.getId());
        switch (ending) {
            case COMPLETED -> {
                payload.put("resultHash", job.getResultHash());
                payload.put("cost", s.cost());
                ledger.publish(TransactionTypes.JOB_COMPLETED, payload);
            }
            case FAILED -> {
                payload.put("reason", job.getError());
                payload.put("cost", s.cost());
                ledger.publish(TransactionTypes.JOB_FAILED, payload);
            }
            default -> {
                payload.put("cost", s.cost());
                ledger.publish(TransactionTypes.JOB_CANCELLED, payload);
            }
        }
        events.announce(job);
    }
}
