package dev.dcp.worker.intake;

import dev.dcp.common.event.ResultMessage;
import dev.dcp.common.event.SubtaskMessage;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import dev.dcp.worker.identity.WorkerIdentity;
import dev.dcp.worker.kernel.Kernel;
import dev.dcp.worker.kernel.Kernels;
import dev.dcp.worker.report.Reporter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Takes subtask replicas from the {@code workers} consumer group, one per slot (listener concurrency = slots),
 * runs the kernel and reports a signed result. The offset is committed after the result is acknowledged, so a
 * worker that dies mid-subtask leaves it to another worker (at-least-once; the scheduler deduplicates).
 */
@Component
class SubtaskListener {

    private static final Logger log = LoggerFactory.getLogger(SubtaskListener.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Kernels kernels;
    private final Reporter reporter;
    private final WorkerIdentity identity;
    private final Timer duration;
    private final MeterRegistry meters;

    SubtaskListener(Kernels kernels, Reporter reporter, WorkerIdentity identity, MeterRegistry meters) {
        this.kernels = kernels;
        this.reporter = reporter;
        this.identity = identity;
        this.meters = meters;
        this.duration = Timer.builder("dcp.worker.subtask.duration").publishPercentileHistogram().register(meters);
        meters.gauge("dcp.worker.slots.busy", reporter.busySlots());
    }

    @KafkaListener(topics = Topics.SUBTASKS, groupId = "workers", concurrency = "${dcp.worker.slots:2}")
    void onSubtask(String payload) {
        SubtaskMessage task;
        try {
            task = Json.read(payload, SubtaskMessage.class);
        } catch (RuntimeException e) {
            meters.counter("dcp.worker.subtasks.dropped", "reason", "malformed").increment();
            log.warn("dropped a malformed subtask: {}", e.getMessage());
            return;
        }
        reporter.busySlots().incrementAndGet();
        try {
            reporter.send(execute(task));
        } finally {
            reporter.busySlots().decrementAndGet();
        }
    }

    ResultMessage execute(SubtaskMessage task) {
        Optional<Kernel> kernel = kernels.forKind(task.kind());
        if (kernel.isEmpty()) {
            return ResultMessage.signed(task, identity.id(), identity.keys(), null,
                    "this worker has no kernel for kind " + task.kind(), 0);
        }
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Map<String, Object> output = null;
        String error = null;
        try {
            output = kernel.get().run(task.input());
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        duration.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        long cpuMillis = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
        meters.counter("dcp.worker.subtasks.executed", "kind", task.kind()).increment();
        return ResultMessage.signed(task, identity.id(), identity.keys(), output, error, cpuMillis);
    }
}
