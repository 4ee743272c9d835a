package dev.dcp.scheduler.storage.object;

import dev.dcp.common.storage.ObjectLayout;
import java.time.Instant;
import java.util.UUID;

/**
 * One tenant's object as the scheduler records it; {@code cid} and {@code merkleRoot} are null while uploading.
 * {@code escrowed} is what contract-service holds for its retention; {@code paidThrough} how far its providers are
 * paid.
 */
public record StoredObject(
        UUID id,
        String tenantId,
        String cid,
        Status status,
        long size,
        int segmentSize,
        int k,
        int m,
        int segments,
        String merkleRoot,
        byte[] wrappedKey,
        int days,
        Instant startedAt,
        Instant storedAt,
        long escrowed,
        Instant paidThrough) {

    public enum Status {
        UPLOADING,
        STORED,
        DELETING
    }

    public ObjectLayout layout() {
        return new ObjectLayout(size, segmentSize, k, m);
    }

    /** The end of the retention the escrow pays for; the object is deleted then. */
    public Instant paidUntil() {
        return storedAt == null ? null : storedAt.plus(java.time.Duration.ofDays(days));
    }
}
