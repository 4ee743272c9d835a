package dev.dcp.scheduler.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

@Entity
@Table(name = "jobs")
public class Job {

    /**
     * The clock for a job's timestamps: microsecond ticks, what PostgreSQL keeps, so a job returned now reads the
     * same when it is fetched later.
     */
    public static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

    @Id
    private String id;
    @Column(name = "tenant_id")
    private String tenantId;
    private String kind;
    @Enumerated(EnumType.STRING)
    private JobStatus status;
    private String input;
    private int redundancy;
    private String strategy;
    @Column(name = "max_credits")
    private long maxCredits;
    private int subtasks;
    private int accepted;
    private String result;
    @Column(name = "result_hash")
    private String resultHash;
    private long cost;
    private String error;
    @Column(name = "submitted_at")
    private Instant submittedAt;
    @Column(name = "completed_at")
    private Instant completedAt;

    protected Job() {
    }

    public Job(String id, String tenantId, String kind, String input, int redundancy, String strategy,
               long maxCredits, int subtasks, Instant submittedAt) {
        this.id = id;
        this.tenantId = tenantId;
        this.kind = kind;
        this.input = input;
        this.redundancy = redundancy;
        this.strategy = strategy;
        this.maxCredits = maxCredits;
        this.subtasks = subtasks;
        this.submittedAt = submittedAt;
        this.status = JobStatus.RUNNING;
    }

    public void subtaskAccepted() {
        accepted++;
    }

    public boolean allAccepted() {
        return accepted >= subtasks;
    }

    public void complete(String resultJson, String hash, Instant at) {
        this.status = JobStatus.COMPLETED;
        this.result = resultJson;
        this.resultHash = hash;
        this.completedAt = at;
    }

    public void fail(String reason, Instant at) {
        this.status = JobStatus.FAILED;
        this.error = reason;
        this.completedAt = at;
    }

    public void cancel(Instant at) {
        this.status = JobStatus.CANCELLED;
        this.completedAt = at;
    }

    public String getId() {
        return id;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getKind() {
        return kind;
    }

    public JobStatus getStatus() {
        return status;
    }

    public String getInput() {
        return input;
    }

    public int getRedundancy() {
        return redundancy;
    }

    public String getStrategy() {
        return strategy;
    }

    public long getMaxCredits() {
        return maxCredits;
    }

    public int getSubtasks() {
        return subtasks;
    }

    public int getAccepted() {
        return accepted;
    }

    public String getResult() {
        return result;
    }

    public String getResultHash() {
        return resultHash;
    }

    public long getCost() {
        return cost;
    }

    public String getError() {
        return error;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }
}
