package dev.dcp.scheduler.lifecycle;

import static dev.dcp.common.json.CanonicalJson.MAX_SAFE_INTEGER;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.CanonicalJson;
import dev.dcp.common.json.Json;
import dev.dcp.common.ledger.TransactionTypes;
import dev.dcp.common.outbox.LedgerOutbox;
import dev.dcp.common.web.ProblemException;
import dev.dcp.common.web.ProblemException.FieldError;
import dev.dcp.scheduler.admission.AdmissionClient;
import dev.dcp.scheduler.dispatch.Dispatcher;
import dev.dcp.scheduler.job.Job;
import dev.dcp.scheduler.job.JobEvents;
import dev.dcp.scheduler.job.JobRepository;
import dev.dcp.scheduler.job.Subtask;
import dev.dcp.scheduler.job.WorkStore;
import dev.dcp.scheduler.kind.InputRefused;
import dev.dcp.scheduler.kind.InputTooLarge;
import dev.dcp.scheduler.kind.JobKind;
import dev.dcp.scheduler.kind.JobKinds;
import dev.dcp.scheduler.kind.StoredInput;
import dev.dcp.scheduler.settle.JobSettlement;
import dev.dcp.scheduler.split.Splitters;
import dev.dcp.scheduler.storage.object.ObjectRepository;
import dev.dcp.scheduler.worker.WorkerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
public class JobService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JobService.class);

    static final Set<String> STRATEGIES = Splitters.STRATEGIES;
    /** Workers heard from within this window count towards the weighted strategy's capacities. */
    static final Duration LIVE_WINDOW = Duration.ofSeconds(15);

    private final JobKinds kinds;
    private final JobRepository jobs;
    private final WorkStore store;
    private final Dispatcher dispatcher;
    private final AdmissionClient admission;
    private final LedgerOutbox ledger;
    private final JobEvents events;
    private final WorkerRegistry workers;
    private final JobSettlement settlement;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ObjectRepository storedObjects;

    JobService(
            JobKinds kinds,
            JobRepository jobs,
            WorkStore store,
            Dispatcher dispatcher,
            AdmissionClient admission,
            LedgerOutbox ledger,
            JobEvents events,
            WorkerRegistry workers,
            JobSettlement settlement,
            TransactionTemplate tx,
            ObjectRepository storedObjects,
            Clock clock) {
        this.storedObjects = storedObjects;
        this.clock = clock;
        this.settlement = settlement;
        this.kinds = kinds;
        this.jobs = jobs;
        this.store = store;
        this.dispatcher = dispatcher;
        this.admission = admission;
        this.ledger = ledger;
        this.events = events;
        this.workers = workers;
        this.tx = tx;
    }

    public Job submit(Caller caller, JobSpec spec) {
        if (caller.tenantId() == null) {
            throw ProblemException.forbidden("Jobs are submitted with a tenant key, not the admin key.");
        }
        JobKind kind = validate(spec);
        int redundancy = spec.redundancy() == null ? 1 : spec.redundancy();
        String strategy = spec.strategy() == null ? Splitters.DEFAULT : spec.strategy();
        long maxCredits = spec.maxCredits() == null ? 0 : spec.maxCredits();
        List<Integer> capacities = "weighted".equals(strategy)
                ? workers.online(clock.instant().minus(LIVE_WINDOW)).stream()
                        .map(WorkerRegistry.WorkerRow::slots)
                        .toList()
                : List.of();
        List<Map<String, Object>> parts = split(caller, spec, kind, strategy, capacities);
        String specHash = Hashes.sha256Hex(CanonicalJson.bytes(spec));
        String jobId = UUID.randomUUID().toString();
        boolean adaptive = Boolean.TRUE.equals(spec.adaptive()) && redundancy > 1;
        // an adaptive job starts with one replica per subtask; the vote asks for more unless a trusted worker answers
        int copies = adaptive ? 1 : redundancy;
        // remembered before the escrow is locked, forgotten in the commit that stores the job: a crash in
        // between leaves the row, and the sweeper releases the escrow
        settlement.admitting(jobId, caller.tenantId());
        try {
            admission.admit(jobId, caller.tenantId(), maxCredits, parts.size());
        } catch (RuntimeException e) {
            settlement.notAdmitted(jobId);
            throw e;
        }
        try {
            return store(
                    caller, spec, kind, jobId, redundancy, strategy, maxCredits, adaptive, copies, parts, specHash);
        } catch (RuntimeException e) {
            // admitted but not stored: the escrow must not stay locked for a job that does not exist
            settlement.releaseUnstored(jobId, caller.tenantId());
            throw e;
        }
    }

    private Job store(
            Caller caller,
            JobSpec spec,
            JobKind kind,
            String jobId,
            int redundancy,
            String strategy,
            long maxCredits,
            boolean adaptive,
            int copies,
            List<Map<String, Object>> parts,
            String specHash) {
        return tx.execute(status -> {
            Instant now = clock.instant();
            Job job = jobs.save(new Job(
                    jobId,
                    caller.tenantId(),
                    kind.name(),
                    Json.write(spec.input()),
                    redundancy,
                    strategy,
                    maxCredits,
                    parts.size(),
                    adaptive,
                    now));
            jobs.flush(); // the subtasks below reference the job row
            List<String> inputs = new ArrayList<>(parts.size());
            long[] workBounds = new long[parts.size()];
            Dispatcher.Batch batch = dispatcher.batch();
            for (int i = 0; i < parts.size(); i++) {
                String input = Json.write(parts.get(i));
                inputs.add(input);
                workBounds[i] = kind.workBound(parts.get(i));
                batch.add(kind.name(), jobId, i, input, copies);
            }
            store.insertSubtasks(jobId, inputs, workBounds, copies);
            settlement.stored(jobId);
            batch.send(false);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("job", jobId);
            payload.put("tenant", caller.tenantId());
            payload.put("kind", kind.name());
            payload.put("specHash", specHash);
            ledger.publish(TransactionTypes.JOB_SUBMITTED, payload);
            events.announce(job);
            // under the request's X-Request-Id, as are the worker's and the scheduler's lines that follow from it
            log.info("job {} admitted: {} in {} subtask(s)", jobId, kind.name(), job.getSubtasks());
            return job;
        });
    }

    /** The subtask inputs; a stored object the input names must be the caller's own. */
    private List<Map<String, Object>> split(
            Caller caller, JobSpec spec, JobKind kind, String strategy, List<Integer> capacities) {
        StoredInput.Lookup objects = cid -> storedObjects
                .findStored(caller.tenantId(), cid)
                .map(o -> new StoredInput(o.cid(), o.size(), o.segmentSize()));
        try {
            return kind.split(spec.input(), spec.parallelism(), Splitters.forStrategy(strategy, capacities), objects);
        } catch (InputRefused e) {
            throw ProblemException.invalid(List.of(e.field()));
        } catch (InputTooLarge e) {
            throw tooLarge(e);
        }
    }

    /** An input too large to take at all: a 413 naming the field and what it may hold. */
    private static ProblemException tooLarge(InputTooLarge e) {
        return new ProblemException(
                HttpStatus.CONTENT_TOO_LARGE, "Content Too Large", e.getMessage(), List.of(e.field()), null);
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
            try {
                errors.addAll(kind.validate(spec.input()));
            } catch (InputTooLarge e) {
                throw tooLarge(e);
            }
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
        if (spec.maxCredits() != null && (spec.maxCredits() < 0 || spec.maxCredits() > MAX_SAFE_INTEGER)) {
            errors.add(new FieldError("maxCredits", "must be between 0 and 2^53-1 micro-credits"));
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

    /**
     * Cancels a running job: its unsent subtask messages are withdrawn from the outbox, workers drop the rest, and
     * contract-service pays for the work accepted so far and returns the rest of the escrow.
     */
    public Job cancel(Caller caller, String jobId) {
        find(caller, jobId);
        // a big job's replicas are also locked by heartbeats and lease expiry; a deadlock's loser tries again
        for (int attempt = 1; ; attempt++) {
            try {
                cancelOnce(jobId);
                break;
            } catch (PessimisticLockingFailureException e) {
                if (attempt == 3) {
                    throw new ProblemException(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "Busy",
                            "Job " + jobId + " could not be cancelled just now; nothing changed, try again",
                            List.of(),
                            1L);
                }
            }
        }
        // settled (or left to the sweeper if contract-service did not answer): the job as it is now
        return jobs.findById(jobId).orElseThrow();
    }

    private void cancelOnce(String jobId) {
        tx.execute(status -> {
            Job job = jobs.lockById(jobId).orElseThrow();
            if (job.isOver()) {
                throw new ProblemException(
                        HttpStatus.CONFLICT,
                        "Job already finished",
                        "Job " + jobId + " is " + (job.getEnding() != null ? job.getEnding() : job.getStatus())
                                + " and can no longer be cancelled");
            }
            job.cancel(clock.instant());
            store.unqueue(Topics.SUBTASKS, store.closeJob(jobId, Subtask.CANCELLED));
            settlement.settleAfterCommit(jobId, true);
            return job;
        });
    }
}
