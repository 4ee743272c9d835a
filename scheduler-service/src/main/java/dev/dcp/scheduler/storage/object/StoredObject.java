package dev.dcp.scheduler.storage.object;

import dev.dcp.common.storage.ObjectLayout;
import java.time.Instant;
import java.util.UUID;

/** One tenant's object as the scheduler records it; {@code cid} and {@code merkleRoot} are null while uploading. */
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
        Instant storedAt) {

    public enum Status {
        UPLOADING,
        STORED,
        DELETING
    }

    public ObjectLayout layout() {
        return new ObjectLayout(size, segmentSize, k, m);
    }

    Instant paidUntil() {
        return storedAt == null ? null : storedAt.plus(java.time.Duration.ofDays(days));
    }
}
