package dev.dcp.scheduler.lifecycle;

import dev.dcp.scheduler.job.Job;
import dev.dcp.scheduler.job.JobRepository;
import dev.dcp.scheduler.job.Replica;
import dev.dcp.scheduler.job.Subtask;
import dev.dcp.scheduler.job.WorkStore;
import dev.dcp.scheduler.job.WorkStore.ReplicaRow;
import dev.dcp.scheduler.job.WorkStore.SubtaskRow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Sends again what was never answered within its lease (the worker died or hangs, or the queue lost it). */
@Component
class LeaseWatcher {

    private final WorkStore store;
    private final JobRepository jobs;
    private final JobCompletion completion;
    private final TransactionTemplate tx;
    private final Counter redispatched;
    private final Clock clock;

    LeaseWatcher(
            WorkStore store,
            JobRepository jobs,
            JobCompletion completion,
            TransactionTemplate tx,
            MeterRegistry meters,
            Clock clock) {
        this.clock = clock;
        this.store = store;
        this.jobs = jobs;
        this.completion = completion;
        this.tx = tx;
        this.redispatched = meters.counter("dcp.scheduler.subtasks.redispatched");
    }

    @Scheduled(fixedDelayString = "${dcp.scheduler.lease-check:1s}")
    void redispatchExpired() {
        Instant now = clock.instant();
        // one job per transaction, its row locked before its replicas', as the result processor and a cancel do
        for (String jobId : new TreeSet<>(store.jobsWithExpired(now, 500))) {
            tx.executeWithoutResult(status -> {
                Optional<Job> job = jobs.lockById(jobId);
                List<ReplicaRow> lost = store.expired(jobId, now);
                if (lost.isEmpty()) {
                    return;
                }
                store.verdicts(lost.stream()
                        .map(r -> new WorkStore.Verdict(r.id(), Replica.EXPIRED))
                        .toList());
                Map<WorkStore.SubtaskKey, SubtaskRow> subtasks =
                        store.subtasks(lost.stream().map(ReplicaRow::key).collect(Collectors.toSet()));
                for (ReplicaRow r : lost) {
                    SubtaskRow s = subtasks.get(r.key());
                    if (job.isEmpty() || job.get().isOver() || !Subtask.PENDING.equals(s.status())) {
                        continue;
                    }
                    redispatched.increment();
                    completion.replaceOrFail(job.get(), s, "lease of replica " + r.id() + " expired");
                }
            });
        }
    }
}
