package dev.dcp.scheduler.dispatch;

import dev.dcp.common.event.SubtaskMessage;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import dev.dcp.common.outbox.Outbox;
import dev.dcp.scheduler.SchedulerProperties;
import dev.dcp.scheduler.job.WorkStore;
import dev.dcp.scheduler.job.WorkStore.NewReplica;
import dev.dcp.scheduler.job.WorkStore.SubtaskKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Creates replicas and queues their messages in the outbox of the caller's transaction: a replica is stored
 * and sent, or neither. Workers take them from {@code dcp.subtasks} as a consumer group. A replica's lease
 * first covers its time in the queue ({@code queueLease}); a worker that starts it restarts it at
 * {@code lease}.
 */
@Component
public class Dispatcher {

    private final Outbox outbox;
    private final WorkStore store;
    private final SchedulerProperties properties;
    private final Counter dispatched;
    private final Clock clock;

    Dispatcher(Outbox outbox, WorkStore store, SchedulerProperties properties, MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.outbox = outbox;
        this.store = store;
        this.properties = properties;
        this.dispatched = meters.counter("dcp.scheduler.subtasks.dispatched");
    }

    public Batch batch() {
        return new Batch();
    }

    /** Replicas to send together: one batched insert and one batch of outbox rows. */
    public final class Batch {

        private final Instant now = clock.instant();
        private final List<NewReplica> replicas = new ArrayList<>();
        private final List<Outbox.Message> messages = new ArrayList<>();
        private final Map<SubtaskKey, Integer> attempts = new LinkedHashMap<>();

        public List<String> add(String kind, String jobId, int idx, String inputJson, int copies) {
            List<String> ids = new ArrayList<>(copies);
            for (int i = 0; i < copies; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                replicas.add(new NewReplica(id, jobId, idx, now, now.plus(properties.queueLease())));
                // the stored input JSON goes out as it is, without a parse and rewrite
                SubtaskMessage m = SubtaskMessage.withInputJson(
                        jobId, idx, id, kind, inputJson, properties.lease().toMillis());
                // keyed by replica, not job: a job's subtasks must spread over the partitions, hence the workers
                messages.add(new Outbox.Message(Topics.SUBTASKS, id, Json.write(m)));
            }
            attempts.merge(new SubtaskKey(jobId, idx), copies, Integer::sum);
            return ids;
        }

        public boolean isEmpty() {
            return replicas.isEmpty();
        }

        /** Stores and queues the replicas; {@code countAttempts} is false for new subtasks, stored with theirs. */
        public void send(boolean countAttempts) {
            if (replicas.isEmpty()) {
                return;
            }
            store.insertReplicas(replicas);
            if (countAttempts) {
                store.addAttempts(attempts);
            }
            outbox.appendAll(messages);
            dispatched.increment(replicas.size());
            replicas.clear();
            messages.clear();
            attempts.clear();
        }
    }
}
