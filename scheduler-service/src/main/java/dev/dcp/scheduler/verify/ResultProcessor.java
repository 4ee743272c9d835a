package dev.dcp.scheduler.verify;

import dev.dcp.common.event.ResultMessage;
import dev.dcp.common.json.Json;
import dev.dcp.scheduler.job.Job;
import dev.dcp.scheduler.job.JobRepository;
import dev.dcp.scheduler.job.Replica;
import dev.dcp.scheduler.job.Subtask;
import dev.dcp.scheduler.job.WorkStore;
import dev.dcp.scheduler.job.WorkStore.Acceptance;
import dev.dcp.scheduler.job.WorkStore.Answer;
import dev.dcp.scheduler.job.WorkStore.ReplicaRow;
import dev.dcp.scheduler.job.WorkStore.SubtaskKey;
import dev.dcp.scheduler.job.WorkStore.SubtaskRow;
import dev.dcp.scheduler.job.WorkStore.Verdict;
import dev.dcp.scheduler.worker.WorkerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a batch of worker answers and decides their subtasks by quorum, in one transaction. Idempotent: an
 * answer to a replica that was already answered (in the database or earlier in the batch), to an unknown
 * replica or to a finished job changes nothing but its own verdict.
 */
@Service
public class ResultProcessor {

    public enum Outcome { RECORDED, DUPLICATE, UNKNOWN, LATE }

    private final JobRepository jobs;
    private final WorkStore store;
    private final JobCompletion completion;
    private final WorkerRegistry workers;
    private final AdaptiveReplication adaptive;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;
    private final Timer subtaskDuration;
    private final Clock clock = Clock.systemUTC();

    ResultProcessor(JobRepository jobs, WorkStore store, JobCompletion completion, WorkerRegistry workers,
                    AdaptiveReplication adaptive, TransactionTemplate tx, MeterRegistry meters) {
        this.adaptive = adaptive;
        this.jobs = jobs;
        this.store = store;
        this.completion = completion;
        this.workers = workers;
        this.tx = tx;
        this.meters = meters;
        this.subtaskDuration = Timer.builder("dcp.scheduler.subtask.duration")
                .description("from dispatch to the worker's answer").publishPercentileHistogram().register(meters);
    }

    public Outcome record(ResultMessage m) {
        return record(List.of(m)).get(0);
    }

    /** The outcome of each answer, in order. */
    public List<Outcome> record(List<ResultMessage> batch) {
        List<Outcome> outcomes = tx.execute(status -> new BatchRun(batch).run());
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        outcomes.forEach(o -> counts.merge(o, 1, Integer::sum));
        counts.forEach((o, n) -> meters.counter("dcp.scheduler.results", "outcome", o.name().toLowerCase())
                .increment(n));
        return outcomes;
    }

    /** One batch inside its transaction. */
    private final class BatchRun {

        private final List<ResultMessage> batch;
        private final Instant now = clock.instant();
        private final Map<String, Job> lockedJobs = new HashMap<>();
        private final Map<String, ReplicaRow> replicas;
        private final List<Outcome> outcomes = new ArrayList<>();
        private final List<Answer> answers = new ArrayList<>();
        private final List<Verdict> verdicts = new ArrayList<>();
        private final Map<String, int[]> tallies = new LinkedHashMap<>();

        BatchRun(List<ResultMessage> batch) {
            this.batch = batch;
            // lock jobs in id order, so two consumers never wait on each other in a cycle
            for (String id : new TreeSet<>(batch.stream().map(ResultMessage::jobId).toList())) {
                jobs.lockById(id).ifPresent(j -> lockedJobs.put(id, j));
            }
            this.replicas = new HashMap<>(store.replicas(batch.stream().map(ResultMessage::replicaId).toList()));
        }

        List<Outcome> run() {
            Set<String> answeredNow = new HashSet<>();
            Map<SubtaskKey, List<ResultMessage>> toDecide = new LinkedHashMap<>();
            for (ResultMessage m : batch) {
                Job job = lockedJobs.get(m.jobId());
                ReplicaRow replica = replicas.get(m.replicaId());
                if (job == null || replica == null || !replica.jobId().equals(m.jobId()) || replica.idx() != m.index()) {
                    outcomes.add(Outcome.UNKNOWN);
                    continue;
                }
                if (replica.answered() || !answeredNow.add(m.replicaId())) {
                    outcomes.add(Outcome.DUPLICATE);
                    continue;
                }
                answers.add(new Answer(m.replicaId(), m.workerId(), m.workerKey(),
                        m.output() == null ? null : Json.write(m.output()), m.outputHash(), m.cpuMillis(), now));
                subtaskDuration.record(Duration.between(replica.dispatchedAt(), now));
                toDecide.computeIfAbsent(replica.key(), k -> new ArrayList<>()).add(m);
                outcomes.add(Outcome.RECORDED);
            }
            if (answers.isEmpty()) {
                return outcomes;
            }
            Map<SubtaskKey, SubtaskRow> subtasks = store.subtasks(toDecide.keySet());
            // each subtask's replicas as stored, with this batch's answers laid over them
            Map<String, Answer> fresh = new HashMap<>();
            answers.forEach(a -> fresh.put(a.replicaId(), a));
            Map<SubtaskKey, List<ReplicaRow>> all = new HashMap<>();
            store.replicasOf(toDecide.keySet()).forEach((key, rows) -> all.put(key, rows.stream().map(r -> {
                Answer a = fresh.get(r.id());
                return a == null ? r : new ReplicaRow(r.id(), r.jobId(), r.idx(), a.workerId(), a.workerKey(),
                        a.outputHash(), r.verdict(), r.dispatchedAt(), a.at());
            }).toList()));
            Set<Job> touched = new java.util.LinkedHashSet<>();
            List<Acceptance> accepted = new ArrayList<>();
            for (Map.Entry<SubtaskKey, List<ResultMessage>> e : toDecide.entrySet()) {
                Job job = lockedJobs.get(e.getKey().jobId());
                SubtaskRow subtask = subtasks.get(e.getKey());
                if (job.isOver() || !Subtask.PENDING.equals(subtask.status())) {
                    // decided (or the job ended) before these answers: judge them, change nothing else
                    for (ResultMessage m : e.getValue()) {
                        boolean agrees = m.outputHash() != null && m.outputHash().equals(subtask.outputHash());
                        verdicts.add(new Verdict(m.replicaId(), agrees ? Replica.ACCEPTED : Replica.REJECTED));
                        outcomes.set(batch.indexOf(m), Outcome.LATE);
                    }
                    continue;
                }
                decide(job, subtask, e.getValue(), all.getOrDefault(e.getKey(), List.of()), accepted);
                touched.add(job);
            }
            // the answers carry their verdicts in the same statement; earlier replicas get theirs separately
            Map<String, String> judged = new HashMap<>();
            List<Verdict> others = new ArrayList<>();
            for (Verdict v : verdicts) {
                if (fresh.containsKey(v.replicaId())) {
                    judged.put(v.replicaId(), v.verdict());
                } else {
                    others.add(v);
                }
            }
            store.answer(answers, judged);
            store.verdicts(others);
            store.accept(accepted);
            if (!tallies.isEmpty()) {
                workers.count(tallies.entrySet().stream()
                        .map(t -> new WorkerRegistry.Tally(t.getKey(), t.getValue()[0], t.getValue()[1])).toList());
            }
            for (Job job : touched) {
                if (job.isOver()) {
                    continue;
                }
                if (job.allAccepted()) {
                    completion.complete(job);
                } else {
                    completion.progress(job);
                }
            }
            meters.counter("dcp.scheduler.subtasks.accepted").increment(accepted.size());
            return outcomes;
        }

        private void decide(Job job, SubtaskRow subtask, List<ResultMessage> fresh, List<ReplicaRow> rows,
                            List<Acceptance> accepted) {
            long outstanding = 0;
            for (ResultMessage m : fresh) {
                if (m.error() != null) {
                    verdicts.add(new Verdict(m.replicaId(), Replica.ERROR));
                    outstanding += completion.replaceOrFail(job, subtask,
                            "worker " + m.workerId() + " reported: " + m.error());
                    if (job.isOver()) {
                        return;
                    }
                }
            }
            List<QuorumVote.Ballot> ballots = new ArrayList<>();
            for (ReplicaRow r : rows) {
                if (r.answered() && r.outputHash() != null) {
                    ballots.add(new QuorumVote.Ballot(r.workerId(), r.outputHash()));
                } else if (!r.answered() && Replica.PENDING.equals(r.verdict())) {
                    outstanding++;
                }
            }
            QuorumVote.Verdict verdict;
            if (job.isAdaptive() && rows.size() == 1 && ballots.size() == 1 && outstanding == 0
                    && adaptive.acceptsAlone(job.getId(), subtask.idx(), rows.get(0).workerKey())) {
                verdict = new QuorumVote.Accepted(ballots.get(0).outputHash());
            } else {
                verdict = QuorumVote.decide(ballots, job.getRedundancy());
            }
            if (verdict instanceof QuorumVote.Accepted a) {
                String output = null;
                for (ResultMessage m : fresh) {
                    if (a.outputHash().equals(m.outputHash())) {
                        output = Json.write(m.output());
                        break;
                    }
                }
                if (output == null) { // the agreeing answers all came in earlier batches
                    String from = rows.stream().filter(r -> a.outputHash().equals(r.outputHash())).findFirst()
                            .orElseThrow().id();
                    output = store.output(from);
                }
                accepted.add(new Acceptance(subtask.key(), output, a.outputHash()));
                for (ReplicaRow r : rows) {
                    if (r.answered() && r.outputHash() != null) {
                        boolean agrees = r.outputHash().equals(a.outputHash());
                        verdicts.add(new Verdict(r.id(), agrees ? Replica.ACCEPTED : Replica.REJECTED));
                        tallies.computeIfAbsent(r.workerId(), w -> new int[2])[agrees ? 0 : 1]++;
                        if (!agrees) {
                            completion.outvoted(job, subtask.idx(), r, a.outputHash());
                        }
                    }
                }
                job.subtaskAccepted();
            } else if (verdict instanceof QuorumVote.Undecided u) {
                int more = (int) Math.max(0, u.missing() - outstanding);
                if (more > 0) {
                    completion.dispatchMore(job, subtask, more);
                }
            } else if (verdict instanceof QuorumVote.NoQuorum n) {
                completion.fail(job, "subtask " + subtask.idx() + " has no majority: " + n.voters()
                        + " distinct workers answered, at most " + n.largestAgreement() + " agreed, and redundancy "
                        + job.getRedundancy() + " allows at most " + QuorumVote.maxVoters(job.getRedundancy())
                        + " voters");
            }
        }
    }
}
