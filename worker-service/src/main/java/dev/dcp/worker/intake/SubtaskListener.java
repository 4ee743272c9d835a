package dev.dcp.worker.intake;

import dev.dcp.common.event.ResultMessage;
import dev.dcp.common.event.SubtaskMessage;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import dev.dcp.common.kafka.RequestIdInterceptor;
import dev.dcp.common.metering.AnswerFields;
import dev.dcp.common.web.RequestId;
import dev.dcp.worker.WorkerProperties;
import dev.dcp.worker.identity.WorkerIdentity;
import dev.dcp.worker.kernel.Answer;
import dev.dcp.worker.kernel.Kernel;
import dev.dcp.worker.kernel.Kernels;
import dev.dcp.worker.report.Reporter;
import dev.dcp.worker.report.ResultSigner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Takes subtask replicas from the {@code workers} consumer group, one consumer per slot, a batch per poll so
 * tiny subtasks don't each pay a broker round trip. Each answer goes to the {@link ResultSigner} as soon as its
 * subtask is done, which signs the answers of all slots together; the batch's offsets are committed only once
 * every result of it is acknowledged, so a worker that dies mid-batch leaves the unanswered subtasks to another
 * worker (at-least-once; the scheduler deduplicates). A batch that runs past its time budget hands back the
 * subtasks it has not started.
 */
@Component
class SubtaskListener {

    private static final Logger log = LoggerFactory.getLogger(SubtaskListener.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Kernels kernels;
    private final Reporter reporter;
    private final ResultSigner signer;
    private final WorkerIdentity identity;
    private final CancelledJobs cancelled;
    private final WorkerProperties properties;
    private final Timer duration;
    private final MeterRegistry meters;

    SubtaskListener(
            Kernels kernels,
            Reporter reporter,
            ResultSigner signer,
            WorkerIdentity identity,
            CancelledJobs cancelled,
            WorkerProperties properties,
            MeterRegistry meters) {
        this.kernels = kernels;
        this.reporter = reporter;
        this.signer = signer;
        this.identity = identity;
        this.cancelled = cancelled;
        this.properties = properties;
        this.meters = meters;
        this.duration = Timer.builder("dcp.worker.subtask.duration")
                .publishPercentileHistogram()
                .register(meters);
        meters.gauge("dcp.worker.slots.busy", reporter.busySlots());
    }

    @KafkaListener(
            topics = Topics.SUBTASKS,
            groupId = "workers",
            concurrency = "${dcp.worker.slots:2}",
            batch = "true",
            properties = "max.poll.records=${dcp.worker.prefetch:256}")
    void onSubtasks(List<ConsumerRecord<String, String>> records, Acknowledgment ack) {
        long deadline = System.nanoTime() + properties.batchBudget().toNanos();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        Set<String> jobsInBatch = new HashSet<>();
        int handedBack = -1;
        for (int i = 0; i < records.size(); i++) {
            if (i > 0 && System.nanoTime() > deadline) {
                handedBack = i;
                break;
            }
            ConsumerRecord<String, String> record = records.get(i);
            // the batch may hold subtasks of many requests: each is logged, and answered, under its own id
            String requestId =
                    RequestIdInterceptor.idsOf(record).stream().findFirst().orElse(null);
            MDC.remove(RequestId.MDC_KEY);
            if (requestId != null) {
                MDC.put(RequestId.MDC_KEY, requestId);
            }
            SubtaskMessage task = parse(record, sent);
            if (task == null) {
                continue;
            }
            if (cancelled.contains(task.jobId())) {
                meters.counter("dcp.worker.subtasks.dropped", "reason", "cancelled")
                        .increment();
                continue;
            }
            if (jobsInBatch.add(task.jobId())) {
                // once per job and batch, under the request's id: enough to follow a job here, not one line a subtask
                log.info("computing subtasks of job {} ({})", task.jobId(), task.kind());
            }
            reporter.started(task.replicaId());
            ResultMessage answer;
            try {
                answer = execute(task);
            } finally {
                reporter.finished(task.replicaId());
            }
            sent.add(signer.submit(answer, requestId));
        }
        MDC.remove(RequestId.MDC_KEY);
        awaitAll(sent);
        if (handedBack > 0) {
            meters.counter("dcp.worker.subtasks.handed.back").increment(records.size() - handedBack);
            ack.nack(handedBack, Duration.ZERO);
        } else {
            ack.acknowledge();
        }
    }

    /** An unreadable subtask is parked on the dead-letter topic instead of being retried forever. */
    private SubtaskMessage parse(ConsumerRecord<String, String> record, List<CompletableFuture<?>> sent) {
        try {
            SubtaskMessage task = Json.read(record.value(), SubtaskMessage.class);
            if (task.jobId() == null || task.replicaId() == null) {
                throw new IllegalArgumentException("jobId and replicaId are required");
            }
            return task;
        } catch (RuntimeException e) {
            meters.counter("dcp.worker.subtasks.dropped", "reason", "malformed").increment();
            log.warn("parked a malformed subtask on {}: {}", Topics.deadLetter(Topics.SUBTASKS), e.getMessage());
            sent.add(reporter.deadLetter(Topics.deadLetter(Topics.SUBTASKS), record.key(), record.value()));
            return null;
        }
    }

    private static void awaitAll(List<CompletableFuture<?>> sent) {
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for result acknowledgements", e);
        } catch (Exception e) {
            // the batch is not acknowledged, so it is delivered again: results are at-least-once
            throw new IllegalStateException("results not acknowledged by the broker", e);
        }
    }

    /** An unsigned answer: the {@link ResultSigner} signs the answers of all slots together. */
    ResultMessage execute(SubtaskMessage task) {
        Optional<Kernel> kernel = kernels.forKind(task.kind());
        if (kernel.isEmpty()) {
            return ResultMessage.unsigned(
                    task, identity.id(), identity.keys(), null, "this worker has no kernel for kind " + task.kind(), 0);
        }
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Map<String, Object> output = null;
        String error = null;
        long kernelCpu = -1;
        try {
            Answer answer =
                    kernel.get().run(task.input(), new Kernel.Task(task.jobId(), task.index(), task.replicaId()));
            long work = answer.work();
            if (properties.inflateWork() > 1) {
                work = Math.multiplyExact(work, properties.inflateWork());
            }
            output = AnswerFields.withWork(answer.output(), work);
            if (properties.forgeOutputs()) {
                output.put("forged", true);
            }
            kernelCpu = answer.cpuNanos();
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        duration.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        // a statistic only: settlement pays agreed work, so inflating it (a test's fault) gains nothing
        long cpuNanos = kernelCpu >= 0 ? kernelCpu : THREADS.getCurrentThreadCpuTime() - cpuStart;
        long cpuMillis = Math.multiplyExact(cpuNanos / 1_000_000, properties.inflateCpu());
        meters.counter("dcp.worker.subtasks.executed", "kind", task.kind()).increment();
        return ResultMessage.unsigned(task, identity.id(), identity.keys(), output, error, cpuMillis);
    }
}
