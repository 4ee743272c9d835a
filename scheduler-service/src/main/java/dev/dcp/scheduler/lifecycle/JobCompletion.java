package dev.dcp.scheduler.lifecycle;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.CanonicalJson;
import dev.dcp.common.json.Json;
import dev.dcp.scheduler.SchedulerProperties;
import dev.dcp.scheduler.dispatch.Dispatcher;
import dev.dcp.scheduler.job.Job;
import dev.dcp.scheduler.job.Subtask;
import dev.dcp.scheduler.job.WorkStore;
import dev.dcp.scheduler.job.WorkStore.SubtaskRow;
import dev.dcp.scheduler.kind.JobKinds;
import dev.dcp.scheduler.settle.JobSettlement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What follows a vote or a lost replica: more replicas, the job's result (its accepted outputs reduced), or its
 * failure. An ending is settled once the caller's transaction commits ({@link JobSettlement}); callers hold the
 * job's lock.
 */
@Component
public class JobCompletion {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JobCompletion.class);

    private final WorkStore store;
    private final JobKinds kinds;
    private final Dispatcher dispatcher;
    private final JobSettlement settlement;
    private final SchedulerProperties properties;
    private final Clock clock;

    JobCompletion(
            WorkStore store,
            JobKinds kinds,
            Dispatcher dispatcher,
            JobSettlement settlement,
            SchedulerProperties properties,
            Clock clock) {
        this.store = store;
        this.kinds = kinds;
        this.dispatcher = dispatcher;
        this.settlement = settlement;
        this.properties = properties;
        this.clock = clock;
    }

    /** Every subtask is accepted: the job's result is its outputs reduced, or its failure if they do not combine. */
    public void complete(Job job) {
        List<Map<String, Object>> outputs = new ArrayList<>(job.getSubtasks());
        for (String output : store.acceptedOutputs(job.getId())) {
            outputs.add(Json.readMap(output));
        }
        Map<String, Object> result;
        String hash;
        try {
            result = kinds.find(job.getKind()).orElseThrow().reducer().reduce(Json.readMap(job.getInput()), outputs);
            hash = Hashes.sha256Hex(CanonicalJson.bytes(result));
        } catch (RuntimeException e) {
            // agreed outputs that do not combine (a wasm sum beyond 2^53) fail the job, not the result batch
            fail(job, "the accepted outputs could not be combined: " + e.getMessage());
            return;
        }
        job.complete(Json.write(result), hash, clock.instant());
        log.info("job {} completed: result {}", job.getId(), hash);
        settlement.settleAfterCommit(job.getId());
    }

    /**
     * A replica was lost: send another, unless the subtask used up its attempts. (An answer reporting an error is
     * replaced by the same rule, in {@code AnswerDecision}.)
     */
    void replaceOrFail(Job job, SubtaskRow subtask, String reason) {
        if (subtask.attempts() >= properties.maxAttempts()) {
            fail(
                    job,
                    "subtask " + subtask.idx() + " failed after " + subtask.attempts() + " attempts; last: " + reason);
            return;
        }
        dispatch(job, subtask, 1);
    }

    /** Sends {@code copies} more replicas of the subtask, counted as attempts. */
    public void dispatch(Job job, SubtaskRow subtask, int copies) {
        Dispatcher.Batch batch = dispatcher.batch();
        batch.add(job.getKind(), job.getId(), subtask.idx(), subtask.input(), copies);
        batch.send(true);
    }

    /** Ends the job as failed: its open subtasks fail and its unanswered replicas are withdrawn. */
    public void fail(Job job, String reason) {
        log.info("job {} failed: {}", job.getId(), reason);
        job.fail(reason, clock.instant());
        store.unqueue(Topics.SUBTASKS, store.closeJob(job.getId(), Subtask.FAILED));
        settlement.settleAfterCommit(job.getId());
    }
}
