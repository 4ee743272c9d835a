package dev.dcp.contract.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of a tenant's statement: a ledger transaction that moved its credits. */
@Entity
@Table(name = "account_entries")
public class AccountEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long seq;

    @Column(name = "tenant_id")
    private String tenantId;

    @Column(name = "transaction_id")
    private String transactionId;

    private String type;
    private long amount;

    @Column(name = "job_id")
    private String jobId;

    /** The stored object (its CID) a storage movement concerns; null for jobs. */
    private String object;

    private Instant at;

    protected AccountEntry() {}

    public AccountEntry(
            String tenantId, String transactionId, String type, long amount, String jobId, String object, Instant at) {
        this.tenantId = tenantId;
        this.transactionId = transactionId;
        this.type = type;
        this.amount = amount;
        this.jobId = jobId;
        this.object = object;
        this.at = at;
    }

    public Long getSeq() {
        return seq;
    }

    public String getTransactionId() {
        return transactionId;
    }

    public String getType() {
        return type;
    }

    public long getAmount() {
        return amount;
    }

    public String getObject() {
        return object;
    }

    public String getJobId() {
        return jobId;
    }

    public Instant getAt() {
        return at;
    }
}
