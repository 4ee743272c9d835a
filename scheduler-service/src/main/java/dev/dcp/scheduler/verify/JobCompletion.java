package dev.dcp.scheduler.verify;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.json.CanonicalJson;
import dev.dcp.common.json.Json;
import dev.dcp.common.ledger.TransactionTypes;
import dev.dcp.common.outbox.LedgerOutbox;
import dev.dcp.scheduler.SchedulerProperties;
import dev.dcp.scheduler.dispatch.Dispatcher;
import dev.dcp.scheduler.job.Job;
import dev.dcp.scheduler.job.JobService;
import dev.dcp.scheduler.job.ReplicaRepository;
import dev.dcp.scheduler.job.Subtask;
import dev.dcp.scheduler.job.SubtaskRepository;
import dev.dcp.scheduler.kind.JobKinds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Ends jobs: reduces accepted outputs into the result, or fails the job; both are recorded on the ledger. */
@Component
public class JobCompletion {

    private final SubtaskRepository subtasks;
    private final ReplicaRepository replicas;
    private final JobKinds kinds;
    private final Dispatcher dispatcher;
    private final LedgerOutbox ledger;
    private final JobService jobService;
    private final SchedulerProperties properties;
    private final Clock clock = Clock.systemUTC();

    JobCompletion(SubtaskRepository subtasks, ReplicaRepository replicas, JobKinds kinds, Dispatcher dispatcher,
                  LedgerOutbox ledger, JobService jobService, SchedulerProperties properties) {
        this.subtasks = subtasks;
        this.replicas = replicas;
        this.kinds = kinds;
        this.dispatcher = dispatcher;
        this.ledger = ledger;
        this.jobService = jobService;
        this.properties = properties;
    }

    void complete(Job job) {
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (Subtask s : subtasks.findByJobIdOrderByIdx(job.getId())) {
            outputs.add(Json.readMap(s.getOutput()));
        }
        Map<String, Object> result = kinds.find(job.getKind()).orElseThrow().reducer().reduce(outputs);
        String hash = Hashes.sha256Hex(CanonicalJson.bytes(result));
        job.complete(Json.write(result), hash, clock.instant());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("job", job.getId());
        payload.put("resultHash", hash);
        payload.put("cost", job.getCost());
        ledger.publish(TransactionTypes.JOB_COMPLETED, payload);
        jobService.announce(job);
    }

    /** A replica was lost or errored: send another, unless the subtask used up its attempts. */
    public void replaceOrFail(Job job, Subtask subtask, String reason) {
        if (subtask.getAttempts() >= properties.maxAttempts()) {
            fail(job, "subtask " + subtask.getIdx() + " failed after " + subtask.getAttempts() + " attempts; last: "
                    + reason);
        } else {
            replicas.saveAll(dispatcher.dispatch(job.getKind(), subtask, 1));
        }
    }

    void dispatchMoreOrFail(Job job, Subtask subtask, int more) {
        int bound = Math.max(properties.maxAttempts(), 2 * job.getRedundancy() + 1);
        if (subtask.getAttempts() + more > bound) {
            fail(job, "subtask " + subtask.getIdx() + " has no agreeing quorum of " + job.getRedundancy()
                    + " distinct workers after " + subtask.getAttempts() + " replicas");
        } else {
            replicas.saveAll(dispatcher.dispatch(job.getKind(), subtask, more));
        }
    }

    public void fail(Job job, String reason) {
        job.fail(reason, clock.instant());
        for (Subtask s : subtasks.findByJobIdOrderByIdx(job.getId())) {
            if (Subtask.PENDING.equals(s.getStatus())) {
                s.fail();
            }
        }
        ledger.publish(TransactionTypes.JOB_FAILED, Map.of("job", job.getId(), "reason", reason));
        jobService.announce(job);
    }
}
