package dev.dcp.scheduler.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One dispatch of a subtask to whichever worker takes it, and that worker's answer. */
@Entity
@Table(name = "replicas")
public class Replica {

    public static final String PENDING = "PENDING";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";
    public static final String EXPIRED = "EXPIRED";
    public static final String ERROR = "ERROR";
    public static final String WITHDRAWN = "WITHDRAWN";

    @Id
    private String id;

    @Column(name = "job_id")
    private String jobId;

    private int idx;

    @Column(name = "worker_id")
    private String workerId;

    @Column(name = "output_hash")
    private String outputHash;

    private String output;
    private String verdict;

    /** The work the answer claimed (inside its hashed output); null unanswered, for an error, or from before metering. */
    private Long work;

    @Column(name = "cpu_millis")
    private long cpuMillis;

    @Column(name = "dispatched_at")
    private Instant dispatchedAt;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "answered_at")
    private Instant answeredAt;

    protected Replica() {}

    public Replica(String id, String jobId, int idx, Instant dispatchedAt, Instant leaseUntil) {
        this.id = id;
        this.jobId = jobId;
        this.idx = idx;
        this.verdict = PENDING;
        this.dispatchedAt = dispatchedAt;
        this.leaseUntil = leaseUntil;
    }

    public boolean isAnswered() {
        return answeredAt != null;
    }

    public void answer(String worker, String outputJson, String hash, long cpu, Instant at) {
        this.workerId = worker;
        this.output = outputJson;
        this.outputHash = hash;
        this.cpuMillis = cpu;
        this.answeredAt = at;
    }

    public Long getWork() {
        return work;
    }

    public long getCpuMillis() {
        return cpuMillis;
    }

    public void verdict(String v) {
        this.verdict = v;
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

    public String getWorkerId() {
        return workerId;
    }

    public String getOutputHash() {
        return outputHash;
    }

    public String getOutput() {
        return output;
    }

    public String getVerdict() {
        return verdict;
    }

    public Instant getLeaseUntil() {
        return leaseUntil;
    }
}
