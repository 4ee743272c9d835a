package dev.dcp.scheduler.progress;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.event.JobEvent;
import dev.dcp.common.json.Json;
import dev.dcp.scheduler.job.Job;
import dev.dcp.scheduler.lifecycle.JobService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/v1/jobs/{id}/events}: the job's state now, then every change, until it ends. */
@Tag(name = "Jobs")
@RestController
class JobEventsController {

    private final JobService jobs;
    private final JobProgressStreams streams;
    private final Clock clock;

    JobEventsController(JobService jobs, JobProgressStreams streams, Clock clock) {
        this.jobs = jobs;
        this.streams = streams;
        this.clock = clock;
    }

    @Operation(
            summary = "Server-sent events: the job's state now, then every change until it ends",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "one JobEvent per event",
                            content =
                                    @Content(
                                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                                            schema = @Schema(implementation = JobEvent.class))))
    @GetMapping(path = "/api/v1/jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String id) {
        jobs.find(caller, id); // 404 for a job that isn't the caller's
        JobProgressStreams.Subscription s = streams.subscribe(id);
        // subscribed first, then the snapshot: a change in between arrives as an event, and older ones are skipped
        Job job = jobs.find(caller, id);
        s.offer(JobEvent.of(
                job.getId(),
                job.getTenantId(),
                job.getStatus().name(),
                job.getSubtasks(),
                job.getAccepted(),
                job.getResult() == null ? null : Json.readMap(job.getResult()),
                job.getResultHash(),
                job.getCost(),
                job.getError(),
                clock.millis()));
        return s.emitter();
    }
}
