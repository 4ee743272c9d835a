package dev.dcp.scheduler.progress;

import dev.dcp.common.event.JobEvent;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent event streams of job progress. Every scheduler instance reads all job events (its own consumer
 * group, from the latest offset), so a client gets the events of a job whichever instance moves it forward.
 * A stream only moves forward: an event older than what it already sent is skipped; it ends with the job.
 */
@Component
class JobProgressStreams {

    static final Duration TIMEOUT = Duration.ofHours(1);

    /** One client's stream and what it has been told so far. */
    static final class Subscription {

        private final SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        private String status;
        private int accepted = -1;
        private boolean closed;

        synchronized void offer(JobEvent e) {
            if (closed) {
                return;
            }
            boolean statusChanged = !e.status().equals(status);
            if (!statusChanged && e.accepted() <= accepted) {
                return;
            }
            if (status != null && isFinal(status)) {
                return;
            }
            status = e.status();
            accepted = Math.max(accepted, e.accepted());
            try {
                emitter.send(SseEmitter.event()
                        .name(statusChanged ? "status" : "progress")
                        .id(e.status() + "-" + e.accepted())
                        .data(view(e), org.springframework.http.MediaType.APPLICATION_JSON));
                if (e.isFinal()) {
                    closed = true;
                    emitter.complete();
                }
            } catch (IOException | IllegalStateException gone) {
                closed = true; // the client went away
            }
        }

        synchronized void keepAlive() {
            if (closed) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException gone) {
                closed = true;
            }
        }

        SseEmitter emitter() {
            return emitter;
        }

        boolean isClosed() {
            return closed;
        }

        private static boolean isFinal(String status) {
            return "COMPLETED".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
        }
    }

    record Progress(int subtasks, int accepted) {}

    record EventView(
            String id,
            String status,
            Progress progress,
            Map<String, Object> result,
            String resultHash,
            long cost,
            String error) {}

    static EventView view(JobEvent e) {
        return new EventView(
                e.jobId(),
                e.status(),
                new Progress(e.subtasks(), e.accepted()),
                e.result(),
                e.resultHash(),
                e.cost(),
                e.error());
    }

    private final Map<String, List<Subscription>> byJob = new ConcurrentHashMap<>();

    Subscription subscribe(String jobId) {
        Subscription s = new Subscription();
        byJob.computeIfAbsent(jobId, k -> new CopyOnWriteArrayList<>()).add(s);
        Runnable remove = () -> remove(jobId, s);
        s.emitter().onCompletion(remove);
        s.emitter().onTimeout(remove);
        s.emitter().onError(t -> remove.run());
        return s;
    }

    private void remove(String jobId, Subscription s) {
        byJob.computeIfPresent(jobId, (k, list) -> {
            list.remove(s);
            return list.isEmpty() ? null : list;
        });
    }

    @KafkaListener(
            topics = Topics.JOB_EVENTS,
            groupId = "scheduler-progress-#{T(java.util.UUID).randomUUID()}",
            properties = "auto.offset.reset=latest")
    void onJobEvent(String payload) {
        if (byJob.isEmpty()) {
            return;
        }
        JobEvent event;
        try {
            event = Json.read(payload, JobEvent.class);
        } catch (RuntimeException e) {
            return; // not for us: streams carry job status events only
        }
        deliver(event);
    }

    void deliver(JobEvent event) {
        if (!JobEvent.TYPE.equals(event.type()) || event.jobId() == null) {
            return;
        }
        List<Subscription> subs = byJob.get(event.jobId());
        if (subs != null) {
            subs.forEach(s -> s.offer(event));
        }
    }

    /** Proxies drop idle connections: a comment every few seconds keeps a quiet stream open. */
    @Scheduled(fixedDelay = 15_000)
    void keepAlive() {
        byJob.values().forEach(list -> list.forEach(Subscription::keepAlive));
    }
}
