package dev.dcp.scheduler.verify;

import dev.dcp.common.event.ResultMessage;
import dev.dcp.common.json.Json;
import dev.dcp.common.metering.AnswerFields;
import dev.dcp.scheduler.SchedulerProperties;
import dev.dcp.scheduler.job.Job;
import dev.dcp.scheduler.job.JobEvents;
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
import dev.dcp.scheduler.kind.JobKind;
import dev.dcp.scheduler.kind.JobKinds;
import dev.dcp.scheduler.lifecycle.JobCompletion;
import dev.dcp.scheduler.verify.vote.AnswerDecision;
import dev.dcp.scheduler.verify.vote.PaidWork;
import dev.dcp.scheduler.worker.Enrolments;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a batch of worker answers and decides their subtasks by quorum, in one transaction: it reads each
 * subtask's state in bulk, asks {@link AnswerDecision} what the answers decide, and writes that in bulk. Idempotent:
 * an answer to a replica that was already answered (in the database or earlier in the batch), to an unknown
 * replica or to a finished job changes nothing but its own verdict.
 */
@Service
class ResultProcessor {

    enum Outcome {
        RECORDED,
        DUPLICATE,
        UNKNOWN,
        LATE
    }

    private final JobRepository jobs;
    private final WorkStore store;
    private final JobCompletion completion;
    private final JobEvents events;
    private final WorkerRegistry workers;
    private final Enrolments enrolments;
    private final JobKinds kinds;
    private final SchedulerProperties properties;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;
    private final Timer subtaskDuration;
    private final Clock clock;

    ResultProcessor(
            JobRepository jobs,
            WorkStore store,
            JobCompletion completion,
            JobEvents events,
            WorkerRegistry workers,
            Enrolments enrolments,
            JobKinds kinds,
            SchedulerProperties properties,
            TransactionTemplate tx,
            MeterRegistry meters,
            Clock clock) {
        this.jobs = jobs;
        this.store = store;
        this.completion = completion;
        this.events = events;
        this.workers = workers;
        this.enrolments = enrolments;
        this.kinds = kinds;
        this.properties = properties;
        this.tx = tx;
        this.meters = meters;
        this.clock = clock;
        this.subtaskDuration = Timer.builder("dcp.scheduler.subtask.duration")
                .description("from dispatch to the worker's answer")
                .publishPercentileHistogram()
                .register(meters);
    }

    Outcome record(ResultMessage m) {
        return record(List.of(m)).get(0);
    }

    /** The outcome of each answer, in order. */
    List<Outcome> record(List<ResultMessage> batch) {
        List<Outcome> outcomes = tx.execute(status -> new BatchRun(batch).run());
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        outcomes.forEach(o -> counts.merge(o, 1, Integer::sum));
        counts.forEach((o, n) -> meters.counter(
                        "dcp.scheduler.results", "outcome", o.name().toLowerCase(Locale.ROOT))
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
            for (String id :
                    new TreeSet<>(batch.stream().map(ResultMessage::jobId).toList())) {
                jobs.lockById(id).ifPresent(j -> lockedJobs.put(id, j));
            }
            this.replicas = new HashMap<>(
                    store.replicas(batch.stream().map(ResultMessage::replicaId).toList()));
        }

        List<Outcome> run() {
            Set<String> answeredNow = new HashSet<>();
            Map<SubtaskKey, List<ResultMessage>> toDecide = new LinkedHashMap<>();
            for (ResultMessage m : batch) {
                Job job = lockedJobs.get(m.jobId());
                ReplicaRow replica = replicas.get(m.replicaId());
                if (job == null
                        || replica == null
                        || !replica.jobId().equals(m.jobId())
                        || replica.idx() != m.index()) {
                    outcomes.add(Outcome.UNKNOWN);
                    continue;
                }
                if (replica.answered() || !answeredNow.add(m.replicaId())) {
                    outcomes.add(Outcome.DUPLICATE);
                    continue;
                }
                answers.add(new Answer(
                        m.replicaId(),
                        m.workerId(),
                        m.workerKey(),
                        m.output() == null ? null : Json.write(m.output()),
                        m.outputHash(),
                        AnswerFields.workOf(m.output()),
                        m.cpuMillis(),
                        now));
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
            store.replicasOf(toDecide.keySet())
                    .forEach((key, rows) -> all.put(
                            key,
                            rows.stream()
                                    .map(r -> {
                                        Answer a = fresh.get(r.id());
                                        return a == null
                                                ? r
                                                : new ReplicaRow(
                                                        r.id(),
                                                        r.jobId(),
                                                        r.idx(),
                                                        a.workerId(),
                                                        a.workerKey(),
                                                        a.outputHash(),
                                                        r.verdict(),
                                                        r.dispatchedAt(),
                                                        a.at());
                                    })
                                    .toList()));
            Set<Job> touched = new LinkedHashSet<>();
            List<Acceptance> accepted = new ArrayList<>();
            for (Map.Entry<SubtaskKey, List<ResultMessage>> e : toDecide.entrySet()) {
                // the job as the subtasks before left it: one of them may have ended it
                Job job = lockedJobs.get(e.getKey().jobId());
                SubtaskRow subtask = subtasks.get(e.getKey());
                List<ReplicaRow> rows = all.getOrDefault(e.getKey(), List.of());
                AnswerDecision.Decision decision = AnswerDecision.decide(
                        state(job, subtask, rows), answers(e.getValue()), policy(job), trustedAmong(job, rows));
                apply(job, subtask, e.getValue(), decision, accepted);
                if (!decision.late()) {
                    touched.add(job);
                }
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
                        .map(t -> new WorkerRegistry.Tally(t.getKey(), t.getValue()[0], t.getValue()[1]))
                        .toList());
            }
            for (Job job : touched) {
                if (job.isOver()) {
                    continue;
                }
                if (job.allAccepted()) {
                    completion.complete(job);
                } else {
                    events.announce(job);
                }
            }
            meters.counter("dcp.scheduler.subtasks.accepted").increment(accepted.size());
            return outcomes;
        }

        /** Writes down what the vote decided for one subtask; an ending or more replicas happen at once. */
        private void apply(
                Job job,
                SubtaskRow subtask,
                List<ResultMessage> fresh,
                AnswerDecision.Decision decision,
                List<Acceptance> accepted) {
            for (AnswerDecision.Judgement j : decision.verdicts()) {
                verdicts.add(new Verdict(j.replicaId(), j.verdict().name()));
            }
            if (decision.late()) {
                for (ResultMessage m : fresh) {
                    outcomes.set(batch.indexOf(m), Outcome.LATE);
                }
                return;
            }
            if (decision.loneAnswer() != null) {
                meters.counter(
                                "dcp.scheduler.adaptive",
                                "decision",
                                decision.loneAnswer()
                                        .name()
                                        .toLowerCase(Locale.ROOT)
                                        .replace('_', '-'))
                        .increment();
            }
            if (decision.replicasToSend() > 0) {
                completion.dispatch(job, subtask, decision.replicasToSend());
            }
            if (decision.failure() != null) {
                completion.fail(job, decision.failure());
                return;
            }
            AnswerDecision.Acceptance a = decision.accepted();
            if (a == null) {
                return;
            }
            Map<String, Object> agreed;
            if (a.inBatch()) {
                agreed = fresh.stream()
                        .filter(m -> m.replicaId().equals(a.outputOf()))
                        .findFirst()
                        .map(ResultMessage::output)
                        .orElseThrow();
            } else {
                agreed = Json.readMap(store.output(a.outputOf()));
            }
            accepted.add(
                    new Acceptance(subtask.key(), Json.write(agreed), a.outputHash(), paidWork(job, subtask, agreed)));
            for (AnswerDecision.Judged j : a.judged()) {
                tallies.computeIfAbsent(j.replica().workerId(), w -> new int[2])[j.agrees() ? 0 : 1]++;
                if (!j.agrees()) {
                    AnswerDecision.Replica r = j.replica();
                    events.outvoted(
                            job, subtask.idx(), r.id(), r.workerId(), r.workerKey(), r.outputHash(), a.outputHash());
                }
            }
            job.subtaskAccepted();
            String fault = AnswerFields.faultOf(agreed);
            if (fault != null) {
                // the workers agree the subtask cannot be computed: the job cannot be either
                completion.fail(
                        job, "subtask " + subtask.idx() + " failed the same way on every worker that ran it: " + fault);
            }
        }
    }

    /** The units the accepted answer is paid for: what the replicas agreed on, within the scheduler's own bound. */
    private long paidWork(Job job, SubtaskRow subtask, Map<String, Object> agreed) {
        Long bound = subtask.workBound();
        JobKind kind = kinds.find(job.getKind()).orElse(null);
        if (bound != null && kind != null && kind.boundDependsOnAnswer()) {
            bound = Math.min(bound, kind.workBound(Json.readMap(subtask.input()), agreed));
        }
        return PaidWork.of(AnswerFields.workOf(agreed), bound);
    }

    private AnswerDecision.Subtask state(Job job, SubtaskRow subtask, List<ReplicaRow> rows) {
        List<AnswerDecision.Replica> replicas = new ArrayList<>(rows.size());
        for (ReplicaRow r : rows) {
            replicas.add(new AnswerDecision.Replica(
                    r.id(),
                    r.workerId(),
                    r.workerKey(),
                    r.outputHash(),
                    r.answered(),
                    !r.answered() && Replica.PENDING.equals(r.verdict())));
        }
        boolean open = !job.isOver() && Subtask.PENDING.equals(subtask.status());
        return new AnswerDecision.Subtask(
                job.getId(), subtask.idx(), open, subtask.outputHash(), subtask.attempts(), replicas);
    }

    private AnswerDecision.Policy policy(Job job) {
        return new AnswerDecision.Policy(
                job.getRedundancy(), job.isAdaptive(), properties.maxAttempts(), properties.spotCheckRate());
    }

    /** Only the adaptive shortcut asks whom contract-service trusts (a long run of accepted answers). */
    private Set<String> trustedAmong(Job job, List<ReplicaRow> rows) {
        if (!job.isAdaptive()) {
            return Set.of();
        }
        Set<String> trusted = new HashSet<>();
        for (ReplicaRow r : rows) {
            if (r.workerKey() != null && enrolments.trusted(r.workerKey())) {
                trusted.add(r.workerKey());
            }
        }
        return trusted;
    }

    private static List<AnswerDecision.Answer> answers(List<ResultMessage> fresh) {
        return fresh.stream()
                .map(m -> new AnswerDecision.Answer(m.replicaId(), m.workerId(), m.outputHash(), m.error()))
                .toList();
    }
}
