package dev.dcp.scheduler.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "jobs")
public class Job {

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

    /** The units paid for, summed over the accepted answers; set with the cost. */
    private long work;

    /** The CPU time the workers of the accepted answers reported, summed: a statistic, it moves no credits. */
    @Column(name = "cpu_millis")
    private long cpuMillis;

    private String error;

    @Column(name = "submitted_at")
    private Instant submittedAt;

    @Column(name = "completed_at")
    private Instant completedAt;
    /** How the job ended, while its settlement is outstanding; null while it runs and once it is settled. */
    @Enumerated(EnumType.STRING)
    private JobStatus ending;

    private boolean adaptive;

    protected Job() {}

    public Job(
            String id,
            String tenantId,
            String kind,
            String input,
            int redundancy,
            String strategy,
            long maxCredits,
            int subtasks,
            boolean adaptive,
            Instant submittedAt) {
        this.adaptive = adaptive;
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

    /*
     * A job ends in two steps: complete, fail or cancel record how (it takes no more answers from then on), and
     * settled makes that its status once contract-service has paid for it, with the cost. Until then its tenant
     * sees it RUNNING, so a final status always comes with its final cost.
     */

    public void complete(String resultJson, String hash, Instant at) {
        end(JobStatus.COMPLETED, at);
        this.result = resultJson;
        this.resultHash = hash;
    }

    public void fail(String reason, Instant at) {
        end(JobStatus.FAILED, at);
        this.error = reason;
    }

    public void cancel(Instant at) {
        end(JobStatus.CANCELLED, at);
    }

    private void end(JobStatus how, Instant at) {
        if (isOver()) {
            throw new IllegalStateException("job " + id + " has already ended");
        }
        this.ending = how;
        this.completedAt = at;
    }

    public void settled(long cost, long work, long cpuMillis) {
        if (ending == null) {
            throw new IllegalStateException("job " + id + " has not ended");
        }
        this.status = ending;
        this.cost = cost;
        this.work = work;
        this.cpuMillis = cpuMillis;
        this.ending = null;
    }

    /** Ended (settled or not): no answer changes it any more. */
    public boolean isOver() {
        return ending != null || status.isFinal();
    }

    public JobStatus getEnding() {
        return ending;
    }

    public boolean isAdaptive() {
        return adaptive;
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

    /** The result, once the job is COMPLETED (settled), not before. */
    public String getResult() {
        return status == JobStatus.COMPLETED ? result : null;
    }

    public String getResultHash() {
        return status == JobStatus.COMPLETED ? resultHash : null;
    }

    public long getCost() {
        return cost;
    }

    public long getWork() {
        return work;
    }

    public long getCpuMillis() {
        return cpuMillis;
    }

    public String getError() {
        return status == JobStatus.FAILED ? error : null;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    /** When the job ended, once it is settled. */
    public Instant getCompletedAt() {
        return status.isFinal() ? completedAt : null;
    }
}
