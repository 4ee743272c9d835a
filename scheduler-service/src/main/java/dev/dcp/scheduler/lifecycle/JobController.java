package dev.dcp.scheduler.lifecycle;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.json.Json;
import dev.dcp.common.web.Paging;
import dev.dcp.common.web.ProblemException;
import dev.dcp.scheduler.job.Job;
import dev.dcp.scheduler.job.JobRepository;
import dev.dcp.scheduler.job.JobStatus;
import dev.dcp.scheduler.job.Replica;
import dev.dcp.scheduler.job.ReplicaRepository;
import dev.dcp.scheduler.job.SubtaskRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Limit;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Jobs")
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

    record Progress(int subtasks, int accepted) {}

    record JobView(
            String id,
            String kind,
            String status,
            Progress progress,
            Map<String, Object> result,
            String resultHash,
            long cost,
            long work,
            long cpuMillis,
            Instant submittedAt,
            Instant completedAt,
            String error) {

        static JobView of(Job j) {
            return new JobView(
                    j.getId(),
                    j.getKind(),
                    j.getStatus().name(),
                    new Progress(j.getSubtasks(), j.getAccepted()),
                    j.getResult() == null ? null : Json.readMap(j.getResult()),
                    j.getResultHash(),
                    j.getCost(),
                    j.getWork(),
                    j.getCpuMillis(),
                    j.getSubmittedAt(),
                    j.getCompletedAt(),
                    j.getError());
        }
    }

    record JobPage(List<JobView> items, String nextCursor) {}

    /** {@code work} is what the answer claimed, under its hash; {@code cpuMillis} what its worker reported. */
    record ReplicaView(String workerId, String outputHash, String verdict, Long work, Long cpuMillis) {}

    record SubtaskView(int index, String status, int attempts, List<ReplicaView> replicas) {}

    record SubtaskPage(List<SubtaskView> items, String nextCursor) {}

    private final JobService jobs;
    private final JobRepository repository;
    private final SubtaskRepository subtasks;
    private final ReplicaRepository replicas;

    JobController(JobService jobs, JobRepository repository, SubtaskRepository subtasks, ReplicaRepository replicas) {
        this.jobs = jobs;
        this.repository = repository;
        this.subtasks = subtasks;
        this.replicas = replicas;
    }

    @Operation(
            summary =
                    "Submit a job: 202 with the job resource; maxCredits is held in escrow, 402 if the balance is short")
    @PostMapping
    ResponseEntity<JobView> submit(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @RequestBody JobSpec spec) {
        Job job = jobs.submit(caller, spec);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/jobs/" + job.getId()))
                .body(JobView.of(job));
    }

    @GetMapping("/{id}")
    JobView get(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String id) {
        return JobView.of(jobs.find(caller, id));
    }

    @GetMapping
    JobPage list(
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int size = Paging.limit(limit);
        JobStatus wanted = null;
        if (status != null) {
            try {
                wanted = JobStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid(
                        "status", "must be one of QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED");
            }
        }
        Instant beforeAt = Instant.parse("9999-12-31T00:00:00Z");
        String beforeId = "";
        if (cursor != null) {
            int sep = cursor.indexOf('_');
            try {
                beforeAt = Instant.ofEpochSecond(0, Long.parseLong(cursor.substring(0, sep)));
                beforeId = cursor.substring(sep + 1);
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this API issued");
            }
        } else {
            beforeId = "\uffff";
        }
        List<Job> page = repository.page(
                caller.isAdmin() ? null : caller.tenantId(), wanted, beforeAt, beforeId, Limit.of(size + 1));
        String next = null;
        if (page.size() > size) {
            page = page.subList(0, size);
            Job last = page.get(size - 1);
            Instant at = last.getSubmittedAt();
            next = (at.getEpochSecond() * 1_000_000_000L + at.getNano()) + "_" + last.getId();
        }
        return new JobPage(page.stream().map(JobView::of).toList(), next);
    }

    @Operation(summary = "Cancel a job: unspent escrow returns; 409 once it has ended")
    @DeleteMapping("/{id}")
    ResponseEntity<JobView> cancel(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String id) {
        return ResponseEntity.accepted().body(JobView.of(jobs.cancel(caller, id)));
    }

    @Operation(summary = "The job's subtasks, each with its replicas' answers and verdicts")
    @GetMapping("/{id}/subtasks")
    SubtaskPage subtasks(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String id) {
        Job job = jobs.find(caller, id);
        Map<Integer, List<ReplicaView>> byIndex = new java.util.HashMap<>();
        for (Replica r : replicas.findByJobIdOrderByIdx(job.getId())) {
            byIndex.computeIfAbsent(r.getIdx(), k -> new ArrayList<>())
                    .add(new ReplicaView(
                            r.getWorkerId(),
                            r.getOutputHash(),
                            r.getVerdict(),
                            r.getWork(),
                            r.isAnswered() ? r.getCpuMillis() : null));
        }
        List<SubtaskView> items = subtasks.findByJobIdOrderByIdx(job.getId()).stream()
                .map(s -> new SubtaskView(
                        s.getIdx(), s.getStatus(), s.getAttempts(), byIndex.getOrDefault(s.getIdx(), List.of())))
                .toList();
        return new SubtaskPage(items, null);
    }
}
