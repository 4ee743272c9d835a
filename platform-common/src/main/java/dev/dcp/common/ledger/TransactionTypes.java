package dev.dcp.common.ledger;

/** The transaction types of API.md. */
public final class TransactionTypes {

    public static final String DEPOSIT = "DEPOSIT";
    public static final String ESCROW_LOCK = "ESCROW_LOCK";
    public static final String ESCROW_RELEASE = "ESCROW_RELEASE";
    public static final String PAYMENT = "PAYMENT";
    public static final String STAKE_BOND = "STAKE_BOND";
    public static final String STAKE_UNBOND = "STAKE_UNBOND";
    public static final String STAKE_SLASH = "STAKE_SLASH";
    public static final String TENANT_CREATED = "TENANT_CREATED";
    public static final String WORKER_ENROLLED = "WORKER_ENROLLED";
    public static final String JOB_SUBMITTED = "JOB_SUBMITTED";
    public static final String JOB_COMPLETED = "JOB_COMPLETED";
    public static final String JOB_FAILED = "JOB_FAILED";
    public static final String JOB_CANCELLED = "JOB_CANCELLED";
    public static final String OBJECT_STORED = "OBJECT_STORED";
    public static final String OBJECT_DELETED = "OBJECT_DELETED";

    private TransactionTypes() {}
}
