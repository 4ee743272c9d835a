package dev.dcp.scheduler.dispatch;

import dev.dcp.scheduler.job.Job;
import dev.dcp.scheduler.job.JobRepository;
import dev.dcp.scheduler.job.Replica;
import dev.dcp.scheduler.job.ReplicaRepository;
import dev.dcp.scheduler.job.Subtask;
import dev.dcp.scheduler.job.SubtaskRepository;
import dev.dcp.scheduler.verify.JobCompletion;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Sends again what a worker took and never answered within the lease (the worker died or hangs). */
@Component
class LeaseWatcher {

    private final ReplicaRepository replicas;
    private final JobRepository jobs;
    private final SubtaskRepository subtasks;
    private final JobCompletion completion;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    LeaseWatcher(ReplicaRepository replicas, JobRepository jobs, SubtaskRepository subtasks, JobCompletion completion,
                 TransactionTemplate tx, MeterRegistry meters) {
        this.replicas = replicas;
        this.jobs = jobs;
        this.subtasks = subtasks;
        this.completion = completion;
        this.tx = tx;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${dcp.scheduler.lease-check:1s}")
    void redispatchExpired() {
        tx.executeWithoutResult(status -> {
            List<Replica> expired = replicas.findByVerdictAndAnsweredAtIsNullAndLeaseUntilBefore(Replica.PENDING,
                    clock.instant(), Limit.of(500));
            for (Replica r : expired) {
                r.verdict(Replica.EXPIRED);
                Job job = jobs.lockById(r.getJobId()).orElseThrow();
                Subtask s = subtasks.findById(Subtask.idOf(r.getJobId(), r.getIdx())).orElseThrow();
                if (job.getStatus().isFinal() || !Subtask.PENDING.equals(s.getStatus())) {
                    continue;
                }
                meters.counter("dcp.scheduler.subtasks.redispatched").increment();
                completion.replaceOrFail(job, s, "lease of replica " + r.getId() + " expired");
            }
        });
    }
}
