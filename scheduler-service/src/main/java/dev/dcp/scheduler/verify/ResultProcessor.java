package dev.dcp.scheduler.verify;

import dev.dcp.common.event.ResultMessage;
import dev.dcp.common.json.Json;
import dev.dcp.scheduler.job.Job;
import dev.dcp.scheduler.job.JobRepository;
import dev.dcp.scheduler.job.JobService;
import dev.dcp.scheduler.job.Replica;
import dev.dcp.scheduler.job.ReplicaRepository;
import dev.dcp.scheduler.job.Subtask;
import dev.dcp.scheduler.job.SubtaskRepository;
import dev.dcp.scheduler.worker.WorkerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records one worker's answer and decides its subtask by quorum. Idempotent: an answer to a replica that was
 * already answered, to an unknown replica or to a finished job changes nothing.
 */
@Service
public class ResultProcessor {

    public enum Outcome { RECORDED, DUPLICATE, UNKNOWN, LATE }

    private final JobRepository jobs;
    private final SubtaskRepository subtasks;
    private final ReplicaRepository replicas;
    private final JobCompletion completion;
    private final JobService jobService;
    private final WorkerRegistry workers;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    ResultProcessor(JobRepository jobs, SubtaskRepository subtasks, ReplicaRepository replicas,
                    JobCompletion completion, JobService jobService, WorkerRegistry workers, TransactionTemplate tx,
                    MeterRegistry meters) {
        this.jobs = jobs;
        this.subtasks = subtasks;
        this.replicas = replicas;
        this.completion = completion;
        this.jobService = jobService;
        this.workers = workers;
        this.tx = tx;
        this.meters = meters;
    }

    public Outcome record(ResultMessage m) {
        Outcome outcome = tx.execute(status -> recordInTransaction(m));
        meters.counter("dcp.scheduler.results", "outcome", outcome.name().toLowerCase()).increment();
        return outcome;
    }

    private Outcome recordInTransaction(ResultMessage m) {
        Optional<Job> found = jobs.lockById(m.jobId());
        if (found.isEmpty()) {
            return Outcome.UNKNOWN;
        }
        Job job = found.get();
        Replica replica = replicas.findById(m.replicaId()).orElse(null);
        if (replica == null || !replica.getJobId().equals(m.jobId()) || replica.getIdx() != m.index()) {
            return Outcome.UNKNOWN;
        }
        if (replica.isAnswered()) {
            return Outcome.DUPLICATE;
        }
        replica.answer(m.workerId(), m.output() == null ? null : Json.write(m.output()), m.outputHash(),
                m.cpuMillis(), clock.instant());
        Subtask subtask = subtasks.findById(Subtask.idOf(m.jobId(), m.index())).orElseThrow();
        if (job.getStatus().isFinal() || !Subtask.PENDING.equals(subtask.getStatus())) {
            // the subtask was decided (or the job ended) before this answer: judge it, change nothing else
            boolean agrees = m.outputHash() != null && m.outputHash().equals(subtask.getOutputHash());
            replica.verdict(agrees ? Replica.ACCEPTED : Replica.REJECTED);
            return Outcome.LATE;
        }
        if (m.error() != null) {
            replica.verdict(Replica.ERROR);
            completion.replaceOrFail(job, subtask, "worker " + m.workerId() + " reported: " + m.error());
            return Outcome.RECORDED;
        }
        List<Replica> all = replicas.findByJobIdAndIdx(m.jobId(), m.index());
        List<QuorumVote.Ballot> ballots = all.stream().filter(r -> r.isAnswered() && r.getOutputHash() != null)
                .map(r -> new QuorumVote.Ballot(r.getWorkerId(), r.getOutputHash())).toList();
        QuorumVote.Verdict verdict = QuorumVote.decide(ballots, job.getRedundancy());
        if (verdict instanceof QuorumVote.Accepted accepted) {
            subtask.accept(replica.getOutputHash().equals(accepted.outputHash()) ? replica.getOutput()
                    : all.stream().filter(r -> accepted.outputHash().equals(r.getOutputHash())).findFirst()
                    .orElseThrow().getOutput(), accepted.outputHash());
            for (Replica r : all) {
                if (r.isAnswered() && r.getOutputHash() != null) {
                    boolean agrees = r.getOutputHash().equals(accepted.outputHash());
                    r.verdict(agrees ? Replica.ACCEPTED : Replica.REJECTED);
                    workers.countVerdict(r.getWorkerId(), agrees);
                }
            }
            job.subtaskAccepted();
            if (job.allAccepted()) {
                completion.complete(job);
            } else {
                jobService.announce(job);
            }
        } else if (verdict instanceof QuorumVote.Undecided undecided) {
            long outstanding = all.stream().filter(r -> !r.isAnswered() && Replica.PENDING.equals(r.getVerdict()))
                    .count();
            int more = (int) Math.max(0, undecided.missing() - outstanding);
            if (more > 0) {
                completion.dispatchMoreOrFail(job, subtask, more);
            }
        }
        return Outcome.RECORDED;
    }
}
