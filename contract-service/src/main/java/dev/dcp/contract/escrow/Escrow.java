package dev.dcp.contract.escrow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The credits held for one admitted job: HELD until its settlement, then SETTLED with what was paid, once. */
@Entity
@Table(name = "escrows")
public class Escrow {

    public static final String HELD = "HELD";
    public static final String SETTLED = "SETTLED";

    @Id
    @Column(name = "job_id")
    private String jobId;

    @Column(name = "tenant_id")
    private String tenantId;

    private long amount;

    @SuppressWarnings("UnusedVariable") // kept with the escrow for the record; no rule reads it back
    private int subtasks;

    private String status;
    private String outcome;
    private long paid;
    private long released;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "settled_at")
    private Instant settledAt;

    protected Escrow() {}

    public Escrow(String jobId, String tenantId, long amount, int subtasks, Instant createdAt) {
        this.jobId = jobId;
        this.tenantId = tenantId;
        this.amount = amount;
        this.subtasks = subtasks;
        this.status = HELD;
        this.createdAt = createdAt;
    }

    public boolean isSettled() {
        return SETTLED.equals(status);
    }

    public void settle(String outcome, long paid, long released, Instant at) {
        if (isSettled()) {
            throw new IllegalStateException("escrow of job " + jobId + " is already settled");
        }
        if (paid < 0 || released < 0 || paid + released != amount) {
            throw new IllegalArgumentException(
                    "paid " + paid + " and released " + released + " must make up " + amount);
        }
        this.status = SETTLED;
        this.outcome = outcome;
        this.paid = paid;
        this.released = released;
        this.settledAt = at;
    }

    public String getJobId() {
        return jobId;
    }

    public String getTenantId() {
        return tenantId;
    }

    public long getAmount() {
        return amount;
    }

    public String getOutcome() {
        return outcome;
    }

    public long getPaid() {
        return paid;
    }

    public long getReleased() {
        return released;
    }
}
