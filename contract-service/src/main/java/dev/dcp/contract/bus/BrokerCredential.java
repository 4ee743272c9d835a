package dev.dcp.contract.bus;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** That a provider holds (or held) broker credentials for its workers; never the password. */
@Entity
@Table(name = "broker_credentials")
class BrokerCredential {

    static final String ACTIVE = "ACTIVE";
    static final String REVOKED = "REVOKED";

    @Id
    @Column(name = "provider_id")
    private String providerId;

    private String username;
    private String status;

    @Column(name = "issued_at")
    private Instant issuedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_reason")
    private String revokedReason;

    protected BrokerCredential() {}

    BrokerCredential(String providerId, String username, Instant issuedAt) {
        this.providerId = providerId;
        this.username = username;
        this.status = ACTIVE;
        this.issuedAt = issuedAt;
    }

    void reissue(Instant at) {
        status = ACTIVE;
        issuedAt = at;
        revokedAt = null;
        revokedReason = null;
    }

    void revoke(Instant at, String reason) {
        status = REVOKED;
        revokedAt = at;
        revokedReason = reason;
    }

    boolean active() {
        return ACTIVE.equals(status);
    }

    String providerId() {
        return providerId;
    }

    String username() {
        return username;
    }

    Instant issuedAt() {
        return issuedAt;
    }
}
