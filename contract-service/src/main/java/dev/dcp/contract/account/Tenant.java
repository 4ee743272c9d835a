package dev.dcp.contract.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant's account. Amounts are integer micro-credits; the API key is kept only as its SHA-256. */
@Entity
@Table(name = "tenants")
public class Tenant {

    @Id
    private String id;

    private String name;
    private String role;

    @Column(name = "api_key_hash")
    private String apiKeyHash;

    private long balance;
    private long escrowed;
    private long stake;
    private double reputation;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "stake_locked_until")
    private Instant stakeLockedUntil;

    @Column(name = "quota_concurrent_jobs")
    private Integer quotaConcurrentJobs;

    @Column(name = "quota_subtasks_per_minute")
    private Integer quotaSubtasksPerMinute;

    @Column(name = "quota_storage_bytes")
    private Long quotaStorageBytes;

    protected Tenant() {}

    public Tenant(String id, String name, String role, String apiKeyHash, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.role = role;
        this.apiKeyHash = apiKeyHash;
        this.reputation = 1.0;
        this.createdAt = createdAt;
    }

    public void credit(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("credit must be positive");
        }
        balance = Math.addExact(balance, amount);
    }

    /** Moves credits from the balance into escrow; the caller has checked the balance covers them. */
    public void lockEscrow(long amount) {
        requireNonNegative(amount);
        if (amount > balance) {
            throw new IllegalStateException("escrow of " + amount + " exceeds the balance " + balance);
        }
        balance -= amount;
        escrowed += amount;
    }

    /** Closes an escrow of {@code amount}: {@code paid} of it left to providers, the rest returns to the balance. */
    public void closeEscrow(long amount, long paid) {
        requireNonNegative(amount);
        if (paid < 0 || paid > amount || amount > escrowed) {
            throw new IllegalStateException(
                    "cannot close an escrow of " + amount + " paying " + paid + " with " + escrowed + " escrowed");
        }
        escrowed -= amount;
        balance = Math.addExact(balance, amount - paid);
    }

    /** Bonds stake from the balance, locked until at least {@code until} (an earlier lock is never shortened). */
    public void bond(long amount, Instant until) {
        requireNonNegative(amount);
        if (amount > balance) {
            throw new IllegalStateException("stake of " + amount + " exceeds the balance " + balance);
        }
        balance -= amount;
        stake = Math.addExact(stake, amount);
        if (stakeLockedUntil == null || until.isAfter(stakeLockedUntil)) {
            stakeLockedUntil = until;
        }
    }

    public void unbond(long amount) {
        requireNonNegative(amount);
        if (amount > stake) {
            throw new IllegalStateException("cannot unbond " + amount + " of a stake of " + stake);
        }
        stake -= amount;
        balance = Math.addExact(balance, amount);
    }

    /** Burns stake; never more than there is. */
    public void slash(long amount) {
        requireNonNegative(amount);
        if (amount > stake) {
            throw new IllegalStateException("cannot slash " + amount + " of a stake of " + stake);
        }
        stake -= amount;
    }

    public void setQuota(Integer concurrentJobs, Integer subtasksPerMinute, Long storageBytes) {
        this.quotaConcurrentJobs = concurrentJobs;
        this.quotaSubtasksPerMinute = subtasksPerMinute;
        this.quotaStorageBytes = storageBytes;
    }

    public Long getQuotaStorageBytes() {
        return quotaStorageBytes;
    }

    private static void requireNonNegative(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("amounts are never negative");
        }
    }

    public boolean isProvider() {
        return "provider".equals(role);
    }

    public Instant getStakeLockedUntil() {
        return stakeLockedUntil;
    }

    public Integer getQuotaConcurrentJobs() {
        return quotaConcurrentJobs;
    }

    public Integer getQuotaSubtasksPerMinute() {
        return quotaSubtasksPerMinute;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getRole() {
        return role;
    }

    public long getBalance() {
        return balance;
    }

    public long getEscrowed() {
        return escrowed;
    }

    public long getStake() {
        return stake;
    }

    public double getReputation() {
        return reputation;
    }
}
