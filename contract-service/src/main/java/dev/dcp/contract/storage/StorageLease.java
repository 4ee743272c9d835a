package dev.dcp.contract.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The escrow held for one stored object: HELD while the object is kept, paid out period by period up to
 * {@code paidThrough}, then CLOSED once with the rest released.
 */
@Entity
@Table(name = "storage_leases")
public class StorageLease {

    public static final String HELD = "HELD";
    public static final String CLOSED = "CLOSED";

    @Id
    @Column(name = "object_id")
    private UUID objectId;

    @Column(name = "tenant_id")
    private String tenantId;

    private String cid;
    private long size;
    private int k;
    private int m;
    private int days;

    @Column(name = "merkle_root")
    private String merkleRoot;

    @Column(name = "price_per_gib_day")
    private long pricePerGiBDay;

    private long amount;
    private long paid;
    private long released;
    private String status;

    @Column(name = "stored_at")
    private Instant storedAt;

    @Column(name = "paid_through")
    private Instant paidThrough;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "close_reason")
    private String closeReason;

    protected StorageLease() {}

    public StorageLease(
            UUID objectId,
            String tenantId,
            String cid,
            long size,
            int k,
            int m,
            int days,
            String merkleRoot,
            long pricePerGiBDay,
            long amount,
            Instant storedAt) {
        this.objectId = objectId;
        this.tenantId = tenantId;
        this.cid = cid;
        this.size = size;
        this.k = k;
        this.m = m;
        this.days = days;
        this.merkleRoot = merkleRoot;
        this.pricePerGiBDay = pricePerGiBDay;
        this.amount = amount;
        this.status = HELD;
        this.storedAt = storedAt;
        this.paidThrough = storedAt;
    }

    public boolean isClosed() {
        return CLOSED.equals(status);
    }

    /** Whether another request describes this same lease (a retry), not a different object under its id. */
    public boolean sameTerms(String tenantId, String cid, long size, int k, int m, int days) {
        return this.tenantId.equals(tenantId)
                && this.cid.equals(cid)
                && this.size == size
                && this.k == k
                && this.m == m
                && this.days == days;
    }

    public Instant retentionEnd() {
        return storedAt.plus(Duration.ofDays(days));
    }

    public long escrowLeft() {
        return amount - paid - released;
    }

    /** Records {@code amount} paid out to providers for keeping the object up to {@code through}. */
    void paid(long amount, Instant through) {
        if (isClosed() || amount < 0 || amount > escrowLeft() || through.isBefore(paidThrough)) {
            throw new IllegalStateException("lease of " + objectId + " cannot pay " + amount + " through " + through);
        }
        this.paid += amount;
        this.paidThrough = through;
    }

    /** Closes the lease; what was not paid out is released, and returned. */
    long close(Instant at, String reason) {
        if (isClosed()) {
            throw new IllegalStateException("lease of " + objectId + " is already closed");
        }
        long rest = escrowLeft();
        this.released = rest;
        this.status = CLOSED;
        this.closedAt = at;
        this.closeReason = reason;
        return rest;
    }

    public UUID getObjectId() {
        return objectId;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getCid() {
        return cid;
    }

    public long getSize() {
        return size;
    }

    public int getK() {
        return k;
    }

    public int getM() {
        return m;
    }

    public String getMerkleRoot() {
        return merkleRoot;
    }

    public long getPricePerGiBDay() {
        return pricePerGiBDay;
    }

    public long getAmount() {
        return amount;
    }

    public long getPaid() {
        return paid;
    }

    public long getReleased() {
        return released;
    }

    public String getStatus() {
        return status;
    }

    public Instant getStoredAt() {
        return storedAt;
    }

    public Instant getPaidThrough() {
        return paidThrough;
    }
}
