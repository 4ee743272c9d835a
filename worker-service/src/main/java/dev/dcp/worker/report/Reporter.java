package dev.dcp.worker.report;

import dev.dcp.common.event.ResultMessage;
import dev.dcp.common.event.Topics;
import dev.dcp.common.event.WorkerHeartbeat;
import dev.dcp.common.json.Json;
import dev.dcp.worker.WorkerProperties;
import dev.dcp.worker.identity.WorkerIdentity;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sends results (waiting for the broker's ack, so the subtask's offset is committed only after) and heartbeats. */
@Component
public class Reporter {

    private final KafkaTemplate<String, String> kafka;
    private final WorkerIdentity identity;
    private final WorkerProperties properties;
    private final AtomicInteger busy = new AtomicInteger();
    private final Clock clock = Clock.systemUTC();

    Reporter(KafkaTemplate<String, String> kafka, WorkerIdentity identity, WorkerProperties properties) {
        this.kafka = kafka;
        this.identity = identity;
        this.properties = properties;
    }

    public AtomicInteger busySlots() {
        return busy;
    }

    public void send(ResultMessage result) {
        try {
            kafka.send(Topics.RESULTS, result.jobId(), Json.write(result)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a result", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("result for job " + result.jobId() + " not acknowledged", e);
        }
    }

    @Scheduled(fixedDelayString = "${dcp.worker.heartbeat:3s}", initialDelay = 0)
    void heartbeat() {
        WorkerHeartbeat hb = new WorkerHeartbeat(identity.id(), identity.keys().publicKeyHex(), properties.slots(),
                busy.get(), clock.millis());
        kafka.send(Topics.WORKERS, identity.id(), Json.write(hb));
    }
}
