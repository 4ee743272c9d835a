package dev.dcp.scheduler.job;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.event.JobEvent;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.CanonicalJson;
import dev.dcp.common.json.Json;
import dev.dcp.common.ledger.TransactionTypes;
import dev.dcp.common.outbox.LedgerOutbox;
import dev.dcp.common.outbox.Outbox;
import dev.dcp.common.web.ProblemException;
import dev.dcp.common.web.ProblemException.FieldError;
import dev.dcp.scheduler.admission.AdmissionClient;
import dev.dcp.scheduler.dispatch.Dispatcher;
import dev.dcp.scheduler.kind.JobKind;
import dev.dcp.scheduler.kind.JobKinds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
public class JobService {

    static final Set<String> STRATEGIES = Set.of("static");

    private final JobKinds kinds;
    private final JobRepository jobs;
    private final SubtaskRepository subtasks;
    private final ReplicaRepository replicas;
    private final Dispatcher dispatcher;
    private final AdmissionClient admission;
    private final LedgerOutbox ledger;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final Clock clock = Clock.systemUTC();

    JobService(JobKinds kinds, JobRepository jobs, SubtaskRepository subtasks, ReplicaRepository replicas,
               Dispatcher dispatcher, AdmissionClient admission, LedgerOutbox ledger, Outbox outbox,
               TransactionTemplate tx) {
        this.kinds = kinds;
        this.jobs = jobs;
        this.subtasks = subtasks;
        this.replicas = replicas;
        this.dispatcher = dispatcher;
        this.admission = admission;
        this.ledger = ledger;
        this.outbox = outbox;
        this.tx = tx;
    }

    public Job submit(Caller caller, JobSpec spec) {
        if (caller.tenantId() == null) {
            throw ProblemException.forbidden("Jobs are submitted with a tenant key, not the admin key.");
        }
        JobKind kind = validate(spec);
        int redundancy = spec.redundancy() == null ? 1 : spec.redundancy();
        String strategy = spec.strategy() == null ? "static" : spec.strategy();
        long maxCredits = spec.maxCredits() == null ? 0 : spec.maxCredits();
        List<Map<String, Object>> parts = kind.split(spec.input(), spec.parallelism(), strategy);
        String jobId = UUID.randomUUID().toString();
        admission.admit(jobId, caller.tenantId(), maxCredits);
        return tx.execute(status -> {
            Instant now = clock.instant();
            Job job = jobs.save(new Job(jobId, caller.tenantId(), kind.name(), Json.write(spec.input()), redundancy,
                    strategy, maxCredits, parts.size(), now));
            List<Subtask> created = new ArrayList<>(parts.size());
            List<Replica> sent = new ArrayList<>(parts.size() * redundancy);
            for (int i = 0; i < parts.size(); i++) {
                Subtask s = new Subtask(jobId, i, Json.write(parts.get(i)));
                sent.addAll(dispatcher.dispatch(kind.name(), s, redundancy));
                created.add(s);
            }
            subtasks.saveAll(created);
            replicas.saveAll(sent);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("job", jobId);
            payload.put("tenant", caller.tenantId());
            payload.put("kind", kind.name());
            payload.put("specHash", Hashes.sha256Hex(CanonicalJson.bytes(spec)));
            ledger.publish(TransactionTypes.JOB_SUBMITTED, payload);
            announce(job);
            return job;
        });
    }

    private JobKind validate(JobSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        JobKind kind = kinds.find(spec.kind()).orElse(null);
        if (spec.kind() == null) {
            errors.add(new FieldError("kind", "is required"));
        } else if (kind == null) {
            errors.add(new FieldError("kind", "must be one of " + kinds.names()));
        }
        if (spec.input() == null) {
            errors.add(new FieldError("input", "is required"));
        } else if (kind != null) {
            errors.addAll(kind.validate(spec.input()));
        }
        if (spec.parallelism() != null && (spec.parallelism() < 1 || spec.parallelism() > 10_000)) {
            errors.add(new FieldError("parallelism", "must be between 1 and 10000"));
        }
        if (spec.redundancy() != null && (spec.redundancy() < 1 || spec.redundancy() > 5)) {
            errors.add(new FieldError("redundancy", "must be between 1 and 5"));
        }
        if (spec.strategy() != null && !STRATEGIES.contains(spec.strategy())) {
            errors.add(new FieldError("strategy", "must be one of " + STRATEGIES));
        }
        if (spec.maxCredits() != null && spec.maxCredits() < 0) {
            errors.add(new FieldError("maxCredits", "must be at least 0"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return kind;
    }

    public Job find(Caller caller, String jobId) {
        Job job = jobs.findById(jobId).orElseThrow(() -> ProblemException.notFound("Job " + jobId));
        if (!caller.isAdmin() && !job.getTenantId().equals(caller.tenantId())) {
            throw ProblemException.notFound("Job " + jobId); // existence is not leaked to other tenants
        }
        return job;
    }

    public Job cancel(Caller caller, String jobId) {
        find(caller, jobId);
        return tx.execute(status -> {
            Job job = jobs.lockById(jobId).orElseThrow();
            if (job.getStatus().isFinal()) {
                throw new ProblemException(HttpStatus.CONFLICT, "Job already finished",
                        "Job " + jobId + " is " + job.getStatus() + " and can no longer be cancelled");
            }
            job.cancel(clock.instant());
            for (Subtask s : subtasks.findByJobIdOrderByIdx(jobId)) {
                if (Subtask.PENDING.equals(s.getStatus())) {
                    s.cancel();
                }
            }
            for (Replica r : replicas.findByJobIdOrderByIdx(jobId)) {
                if (Replica.PENDING.equals(r.getVerdict()) && !r.isAnswered()) {
                    r.verdict(Replica.WITHDRAWN);
                }
            }
            ledger.publish(TransactionTypes.JOB_CANCELLED, Map.of("job", jobId));
            announce(job);
            return job;
        });
    }

    /** Publishes the job's current state on {@code dcp.jobs.events} (through the outbox). */
    public void announce(Job job) {
        JobEvent event = new JobEvent(job.getId(), job.getTenantId(), job.getStatus().name(), job.getSubtasks(),
                job.getAccepted(), job.getResult() == null ? null : Json.readMap(job.getResult()),
                job.getResultHash(), job.getCost(), clock.millis());
        outbox.append(Topics.JOB_EVENTS, job.getId(), Json.write(event));
    }
}
