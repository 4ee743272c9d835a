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

    protected Tenant() {
    }

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
