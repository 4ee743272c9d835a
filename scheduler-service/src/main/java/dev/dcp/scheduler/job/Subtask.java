package dev.dcp.scheduler.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "subtasks")
public class Subtask {

    public static final String PENDING = "PENDING";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";

    @Id
    private String id;

    @Column(name = "job_id")
    private String jobId;

    private int idx;
    private String input;
    private String status;
    private int attempts;
    private String output;

    @Column(name = "output_hash")
    private String outputHash;

    protected Subtask() {}

    public Subtask(String jobId, int idx, String input) {
        this.id = idOf(jobId, idx);
        this.jobId = jobId;
        this.idx = idx;
        this.input = input;
        this.status = PENDING;
    }

    public static String idOf(String jobId, int idx) {
        return jobId + "/" + idx;
    }

    public void dispatched() {
        attempts++;
    }

    public void accept(String outputJson, String hash) {
        this.status = ACCEPTED;
        this.output = outputJson;
        this.outputHash = hash;
    }

    public void fail() {
        this.status = FAILED;
    }

    public void cancel() {
        this.status = CANCELLED;
    }

    public String getId() {
        return id;
    }

    public String getJobId() {
        return jobId;
    }

    public int getIdx() {
        return idx;
    }

    public String getInput() {
        return input;
    }

    public String getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public String getOutput() {
        return output;
    }

    public String getOutputHash() {
        return outputHash;
    }
}
