package dev.dcp.worker.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.dcp.common.event.Topics;
import dev.dcp.common.event.WorkerHeartbeat;
import dev.dcp.common.json.Json;
import dev.dcp.testkit.ManualClock;
import dev.dcp.worker.WorkerProperties;
import dev.dcp.worker.identity.WorkerIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.core.KafkaTemplate;

class ReporterTest {

    private static final String WORKER_KEY = "1e20975d99ac6b08170977036dff5fd8a65a268ac12e24ef931479c1faf9e694";

    private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(1_700_000_000_000L));

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);

    private final WorkerProperties properties = new WorkerProperties(
            "worker-1",
            WORKER_KEY,
            "unused",
            2,
            Duration.ofSeconds(1),
            1,
            Duration.ofSeconds(1),
            Duration.ofMillis(1),
            false,
            1,
            1,
            0,
            new WorkerProperties.Enrolment("", "", 1, 0));
    private final Reporter reporter = new Reporter(
            kafka,
            new WorkerIdentity(properties),
            properties,
            clock,
            new dev.dcp.worker.storage.ShardStore(
                    java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "reporter-test-shards"), 0));

    @Test
    void aHeartbeatIsStampedByTheWorkersClockAndNamesWhenEachRunningReplicaStarted() {
        reporter.started("replica-1");
        clock.advance(Duration.ofMillis(750));

        WorkerHeartbeat hb = heartbeat();

        assertThat(hb.workerId()).isEqualTo("worker-1");
        assertThat(hb.at()).isEqualTo(1_700_000_000_750L);
        assertThat(hb.busySlots()).isEqualTo(1);
        assertThat(hb.running()).containsExactly(new WorkerHeartbeat.Running("replica-1", 1_700_000_000_000L));
    }

    @Test
    void aFinishedReplicaIsNoLongerReportedAsRunning() {
        reporter.started("replica-1");
        reporter.finished("replica-1");

        WorkerHeartbeat hb = heartbeat();

        assertThat(hb.busySlots()).isZero();
        assertThat(hb.running()).isEmpty();
    }

    private WorkerHeartbeat heartbeat() {
        reporter.heartbeat();
        ArgumentCaptor<String> payload = ArgumentCaptor.forClass(String.class);
        verify(kafka).send(eq(Topics.WORKERS), eq("worker-1"), payload.capture());
        List<String> sent = payload.getAllValues();
        return Json.read(sent.get(sent.size() - 1), WorkerHeartbeat.class);
    }
}
