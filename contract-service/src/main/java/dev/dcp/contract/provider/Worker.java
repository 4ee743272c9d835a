package dev.dcp.contract.provider;

import dev.dcp.contract.provider.domain.Reputation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A worker key a provider enrolled, its price, and the record its answers earned. */
@Entity
@Table(name = "workers")
public class Worker {

    @Id
    private String id;

    @Column(name = "provider_id")
    private String providerId;

    @Column(name = "public_key")
    private String publicKey;

    private int slots;

    @Column(name = "price_per_cpu_second")
    private long pricePerCpuSecond;

    /** Bytes offered for shards; null on a worker enrolled before storage was sold (its heartbeat's figure stands). */
    @Column(name = "storage_bytes")
    private Long storageBytes;

    @Column(name = "price_per_gib_day")
    private long pricePerGiBDay;

    @Column(name = "consecutive_valid")
    private long consecutiveValid;

    private long accepted;
    private long rejected;

    @Column(name = "enrolled_at")
    private Instant enrolledAt;

    protected Worker() {}

    public Worker(
            String providerId,
            String publicKey,
            int slots,
            long pricePerCpuSecond,
            long storageBytes,
            long pricePerGiBDay,
            Instant enrolledAt) {
        this.id = idOf(publicKey);
        this.providerId = providerId;
        this.publicKey = publicKey;
        this.slots = slots;
        this.pricePerCpuSecond = pricePerCpuSecond;
        this.storageBytes = storageBytes;
        this.pricePerGiBDay = pricePerGiBDay;
        this.enrolledAt = enrolledAt;
    }

    /** A worker's id follows from its key, the same way the worker names itself, so both sides agree unasked. */
    public static String idOf(String publicKey) {
        return "w-" + publicKey.substring(0, 16);
    }

    public void answersAccepted(long answers) {
        accepted += answers;
        consecutiveValid = reputation().accepted(answers).consecutiveValid();
    }

    public void outvoted() {
        rejected++;
        consecutiveValid = reputation().outvoted().consecutiveValid();
    }

    public Reputation reputation() {
        return new Reputation(consecutiveValid);
    }

    public String getId() {
        return id;
    }

    public Long getStorageBytes() {
        return storageBytes;
    }

    public long getPricePerGiBDay() {
        return pricePerGiBDay;
    }

    public String getProviderId() {
        return providerId;
    }

    public String getPublicKey() {
        return publicKey;
    }

    public int getSlots() {
        return slots;
    }

    public long getPricePerCpuSecond() {
        return pricePerCpuSecond;
    }

    public long getAccepted() {
        return accepted;
    }

    public long getRejected() {
        return rejected;
    }
}
