package dev.dcp.worker.intake;

import dev.dcp.common.event.JobCancelled;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Jobs cancelled since this worker started, so that it drops their queued subtasks instead of computing them.
 * Every worker reads the cancellations (its own consumer group, from the latest offset); the set is bounded,
 * because a subtask of a job cancelled long ago is long gone from the queue.
 */
@Component
class CancelledJobs {

    private static final int REMEMBERED = 10_000;

    private final Set<String> jobs = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    }));

    @KafkaListener(
            topics = Topics.JOB_CANCELLATIONS,
            groupId = "worker-cancellations-#{T(java.util.UUID).randomUUID()}",
            properties = "auto.offset.reset=latest")
    void onCancellation(String payload) {
        try {
            JobCancelled cancelled = Json.read(payload, JobCancelled.class);
            if (cancelled.jobId() != null) {
                jobs.add(cancelled.jobId());
            }
        } catch (RuntimeException ignored) {
            // unreadable: nothing to drop
        }
    }

    boolean contains(String jobId) {
        return jobs.contains(jobId);
    }

    void add(String jobId) {
        jobs.add(jobId);
    }
}
