package dev.dcp.scheduler.job;

import dev.dcp.common.event.JobCancelled;
import dev.dcp.common.event.JobEvent;
import dev.dcp.common.event.Topics;
import dev.dcp.common.event.WorkerOutvoted;
import dev.dcp.common.json.Json;
import dev.dcp.common.outbox.Outbox;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Publishes what happens to jobs on {@code dcp.jobs.events}, through the outbox of the caller's transaction. */
@Component
public class JobEvents {

    private final Outbox outbox;
    private final Clock clock;

    JobEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The job's current status and progress. */
    public void announce(Job job) {
        JobEvent event = JobEvent.of(
                job.getId(),
                job.getTenantId(),
                job.getStatus().name(),
                job.getSubtasks(),
                job.getAccepted(),
                job.getResult() == null ? null : Json.readMap(job.getResult()),
                job.getResultHash(),
                job.getCost(),
                job.getError(),
                clock.millis());
        outbox.append(Topics.JOB_EVENTS, job.getId(), Json.write(event));
        if (job.getStatus() == JobStatus.CANCELLED) {
            // the workers may not read job events (they carry results): they learn of cancellations here
            outbox.append(
                    Topics.JOB_CANCELLATIONS, job.getId(), Json.write(new JobCancelled(job.getId(), clock.millis())));
        }
    }

    /** A worker's answer lost the vote on one of the job's subtasks. */
    public void outvoted(
            Job job,
            int index,
            String replicaId,
            String workerId,
            String workerKey,
            String outputHash,
            String acceptedHash) {
        WorkerOutvoted event = WorkerOutvoted.of(
                job.getId(),
                job.getTenantId(),
                index,
                replicaId,
                workerId,
                workerKey,
                outputHash,
                acceptedHash,
                clock.millis());
        outbox.append(Topics.JOB_EVENTS, job.getId(), Json.write(event));
    }
}
