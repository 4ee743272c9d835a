package dev.dcp.scheduler.verify;

import dev.dcp.common.event.ResultBatch;
import dev.dcp.common.event.ResultMessage;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import dev.dcp.scheduler.SchedulerProperties;
import dev.dcp.scheduler.worker.Enrolments;
import dev.dcp.scheduler.worker.WorkerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Takes worker results off {@code dcp.results} a poll at a time: single signed answers and {@link ResultBatch}es
 * of answers under one signature. Unreadable ones, forged ones (bad signature or output hash) and those from keys
 * no registered worker holds are dropped and counted. An answer from a worker that is not eligible for work (not
 * enrolled, or its provider's stake below the minimum) counts as that replica failed, so it is sent again.
 * The rest are recorded together.
 */
@Component
class ResultListener {

    private static final Logger log = LoggerFactory.getLogger(ResultListener.class);

    private final ResultProcessor processor;
    private final WorkerRegistry workers;
    private final Enrolments enrolments;
    private final SchedulerProperties properties;
    private final MeterRegistry meters;

    ResultListener(
            ResultProcessor processor,
            WorkerRegistry workers,
            Enrolments enrolments,
            SchedulerProperties properties,
            MeterRegistry meters) {
        this.enrolments = enrolments;
        this.processor = processor;
        this.workers = workers;
        this.properties = properties;
        this.meters = meters;
    }

    @KafkaListener(
            topics = Topics.RESULTS,
            groupId = "scheduler",
            concurrency = "${dcp.scheduler.result-consumers:2}",
            batch = "true",
            properties = "max.poll.records=${dcp.scheduler.result-batch:1000}")
    void onResults(List<String> payloads) {
        List<ResultMessage> singles = new ArrayList<>();
        List<ResultBatch> batches = new ArrayList<>();
        for (String payload : payloads) {
            try {
                JsonNode tree = Json.MAPPER.readTree(payload);
                if (tree.has("results")) {
                    batches.add(Json.MAPPER.treeToValue(tree, ResultBatch.class));
                } else {
                    singles.add(Json.MAPPER.treeToValue(tree, ResultMessage.class));
                }
            } catch (RuntimeException e) {
                drop("malformed", "dropped a malformed result: " + e.getMessage());
            }
        }
        List<ResultMessage> authentic = new ArrayList<>();
        for (ResultMessage r : singles) {
            if (r.isAuthentic()) {
                authentic.add(r);
            } else {
                drop(
                        "bad-signature",
                        "dropped result for job " + r.jobId() + " replica " + r.replicaId()
                                + ": signature or output hash does not verify");
            }
        }
        for (ResultBatch b : batches) {
            List<ResultMessage> proven = b.authenticResults();
            if (proven.isEmpty()) {
                drop(
                        "bad-signature",
                        "dropped a batch of "
                                + (b.results() == null ? 0 : b.results().size()) + " results from worker "
                                + b.workerId() + ": signature or an output hash does not verify");
            }
            authentic.addAll(proven);
        }
        List<ResultMessage> known = new ArrayList<>(authentic.size());
        for (ResultMessage r : authentic) {
            Optional<String> key = registeredKey(r.workerId());
            if (key.isEmpty()) {
                drop(
                        "unknown-worker",
                        "dropped result for job " + r.jobId() + ": worker " + r.workerId() + " is not registered");
            } else if (!key.get().equals(r.workerKey())) {
                drop(
                        "wrong-key",
                        "dropped result for job " + r.jobId() + ": worker " + r.workerId()
                                + " is registered with another key");
            } else if (!enrolments.eligible(r.workerKey())) {
                // the replica goes to another worker at once, as if this one had failed it
                meters.counter("dcp.scheduler.results.dropped", "reason", "not-eligible")
                        .increment();
                known.add(new ResultMessage(
                        r.jobId(),
                        r.index(),
                        r.replicaId(),
                        r.workerId(),
                        r.workerKey(),
                        null,
                        null,
                        "worker " + r.workerId() + " is not enrolled, or its provider's stake is below the "
                                + "minimum",
                        r.cpuMillis(),
                        r.signature()));
            } else {
                known.add(r);
            }
        }
        if (!known.isEmpty()) {
            processor.record(known);
        }
    }

    /** A worker's first results can overtake its first heartbeat (another topic): give it a moment. */
    private Optional<String> registeredKey(String workerId) {
        if (workerId == null) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + properties.unknownWorkerGrace().toNanos();
        Optional<String> key = workers.keyOf(workerId);
        while (key.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            key = workers.keyOf(workerId);
        }
        return key;
    }

    private void drop(String reason, String message) {
        meters.counter("dcp.scheduler.results.dropped", "reason", reason).increment();
        log.warn(message);
    }
}
