package dev.dcp.scheduler.dispatch;

import dev.dcp.common.event.SubtaskMessage;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import dev.dcp.common.outbox.Outbox;
import dev.dcp.scheduler.SchedulerProperties;
import dev.dcp.scheduler.job.Replica;
import dev.dcp.scheduler.job.Subtask;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Creates replicas and queues their messages in the outbox of the caller's transaction: a replica is stored
 * and sent, or neither. Workers take them from {@code dcp.subtasks} as a consumer group.
 */
@Component
public class Dispatcher {

    private final Outbox outbox;
    private final SchedulerProperties properties;
    private final Clock clock = Clock.systemUTC();

    Dispatcher(Outbox outbox, SchedulerProperties properties) {
        this.outbox = outbox;
        this.properties = properties;
    }

    public List<Replica> dispatch(String kind, Subtask subtask, int copies) {
        Instant now = clock.instant();
        List<Replica> replicas = new ArrayList<>(copies);
        List<Outbox.Message> messages = new ArrayList<>(copies);
        for (int i = 0; i < copies; i++) {
            Replica r = new Replica(UUID.randomUUID().toString(), subtask.getJobId(), subtask.getIdx(), now,
                    now.plus(properties.lease()));
            subtask.dispatched();
            replicas.add(r);
            SubtaskMessage m = new SubtaskMessage(subtask.getJobId(), subtask.getIdx(), r.getId(), kind,
                    Json.readMap(subtask.getInput()), properties.lease().toMillis());
            // keyed by replica, not job: a job's subtasks must spread over the partitions, hence over the workers
            messages.add(new Outbox.Message(Topics.SUBTASKS, r.getId(), Json.write(m)));
        }
        outbox.appendAll(messages);
        return replicas;
    }
}
