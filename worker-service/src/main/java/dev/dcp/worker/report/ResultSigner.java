package dev.dcp.worker.report;

import dev.dcp.common.event.ResultBatch;
import dev.dcp.common.event.ResultMessage;
import dev.dcp.worker.WorkerProperties;
import dev.dcp.worker.identity.WorkerIdentity;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Signs and sends the answers of all slots of this worker together, like a group commit: one thread takes what
 * the slots have finished, waits at most {@code resultLinger} for more, and puts them under one Ed25519 signature.
 * With thousands of tiny subtasks a signature covers hundreds of answers (an Ed25519 signature and its
 * verification cost more than such a subtask); an answer after a quiet spell, with no slot computing, leaves at
 * once.
 */
@Component
public class ResultSigner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ResultSigner.class);
    /** Answers per message at most, so that a message of large outputs stays well under Kafka's 1 MB. */
    private static final int MAX_RESULTS_PER_MESSAGE = 256;

    private final Reporter reporter;
    private final WorkerIdentity identity;
    private final long lingerNanos;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final DistributionSummary batchSize;
    private long lastSentAt = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
    private volatile Thread thread;
    private volatile boolean running;

    ResultSigner(Reporter reporter, WorkerIdentity identity, WorkerProperties properties, MeterRegistry meters) {
        this.reporter = reporter;
        this.identity = identity;
        this.lingerNanos = properties.resultLinger().toNanos();
        this.batchSize = DistributionSummary.builder("dcp.worker.results.batch.size")
                .description("answers under one signature")
                .register(meters);
    }

    /**
     * Queues an unsigned answer, with the id of the request whose subtask it answers (or null); the future
     * completes when the broker has it, signed.
     */
    public CompletableFuture<Void> submit(ResultMessage unsigned, String requestId) {
        Pending p = new Pending(unsigned, requestId, new CompletableFuture<>());
        if (!running) {
            p.acked.completeExceptionally(new IllegalStateException("the worker is stopping"));
            return p.acked;
        }
        queue.add(p);
        return p.acked;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_RESULTS_PER_MESSAGE);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gather(batch);
                lastSentAt = System.nanoTime();
                send(List.copyOf(batch));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(p -> p.acked.completeExceptionally(e));
                return;
            } catch (RuntimeException e) {
                log.warn("could not send {} answers: {}", batch.size(), e.toString());
                batch.forEach(p -> p.acked.completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Adds what is queued and what comes within the linger. After a quiet spell (no batch sent within the linger)
     * an answer leaves as soon as no slot is computing; while answers keep flowing, at most one batch leaves per
     * linger. Without that bound a slow consumer would be fed ever smaller batches: workers starved by it answer
     * one at a time, and each lone answer costs the scheduler a whole signature check.
     */
    private void gather(List<Pending> batch) throws InterruptedException {
        long now = System.nanoTime();
        boolean quiet = now - lastSentAt >= lingerNanos;
        long until = (quiet ? now : lastSentAt) + lingerNanos;
        while (batch.size() < MAX_RESULTS_PER_MESSAGE && running) {
            queue.drainTo(batch, MAX_RESULTS_PER_MESSAGE - batch.size());
            long left = until - System.nanoTime();
            if (batch.size() >= MAX_RESULTS_PER_MESSAGE
                    || left <= 0
                    || (quiet && reporter.busySlots().get() == 0)) {
                return;
            }
            Pending next = queue.poll(Math.min(left, 200_000), TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
            }
        }
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the outcome reaches each answer's own acknowledgement
    private void send(List<Pending> batch) {
        List<ResultMessage> answers = new ArrayList<>(batch.size());
        Set<String> requestIds = new LinkedHashSet<>();
        for (Pending p : batch) {
            answers.add(p.answer);
            if (p.requestId != null) {
                requestIds.add(p.requestId);
            }
        }
        batchSize.record(answers.size());
        reporter.send(ResultBatch.signed(identity.id(), identity.keys(), answers), requestIds)
                .whenComplete((ok, failure) -> {
                    for (Pending p : batch) {
                        if (failure == null) {
                            p.acked.complete(null);
                        } else {
                            p.acked.completeExceptionally(failure);
                        }
                    }
                });
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "result-signer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Starts before and stops after the listener containers (phase {@code Integer.MAX_VALUE - 100}), so the
     * answers of their last batches still go out.
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }

    private record Pending(ResultMessage answer, String requestId, CompletableFuture<Void> acked) {}
}
