package dev.dcp.scheduler.dispatch;

import dev.dcp.scheduler.job.Job;
import dev.dcp.scheduler.job.JobRepository;
import dev.dcp.scheduler.job.Replica;
import dev.dcp.scheduler.job.Subtask;
import dev.dcp.scheduler.job.WorkStore;
import dev.dcp.scheduler.job.WorkStore.ReplicaRow;
import dev.dcp.scheduler.job.WorkStore.SubtaskRow;
import dev.dcp.scheduler.verify.JobCompletion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
    private final Clock clock = Clock.systemUTC();

    LeaseWatcher(WorkStore store, JobRepository jobs, JobCompletion completion, TransactionTemplate tx,
                 MeterRegistry meters) {
        this.store = store;
        this.jobs = jobs;
        this.completion = completion;
        this.tx = tx;
        this.redispatched = meters.counter("dcp.scheduler.subtasks.redispatched");
    }

    @Scheduled(fixedDelayString = "${dcp.scheduler.lease-check:1s}")
    void redispatchExpired() {
        tx.executeWithoutResult(status -> {
            List<ReplicaRow> expired = store.expired(clock.instant(), 500);
            if (expired.isEmpty()) {
                return;
            }
            store.verdicts(expired.stream().map(r -> new WorkStore.Verdict(r.id(), Replica.EXPIRED)).toList());
            Map<WorkStore.SubtaskKey, SubtaskRow> subtasks = store.subtasks(
                    expired.stream().map(ReplicaRow::key).collect(Collectors.toSet()));
            // jobs locked in id order, as the result processor does
            Map<String, List<ReplicaRow>> byJob = new TreeMap<>(
                    expired.stream().collect(Collectors.groupingBy(ReplicaRow::jobId)));
            byJob.forEach((jobId, lost) -> {
                Optional<Job> job = jobs.lockById(jobId);
                for (ReplicaRow r : lost) {
                    SubtaskRow s = subtasks.get(r.key());
                    if (job.isEmpty() || job.get().isOver() || !Subtask.PENDING.equals(s.status())) {
                        continue;
                    }
                    redispatched.increment();
                    completion.replaceOrFail(job.get(), s, "lease of replica " + r.id() + " expired");
                }
            });
        });
    }
}
