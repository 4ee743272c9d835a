package dev.dcp.common.event;

import java.util.List;

/**
 * Registration and liveness of a worker, on {@link Topics#WORKERS} keyed by worker id. {@code running} names the
 * replicas the worker has started and not yet answered: their lease is counted from when they started, not from
 * when they were queued. {@code storageBytes} is the disk space it offers for shards (0: none), {@code storedBytes}
 * what its shards take now.
 */
public record WorkerHeartbeat(
        String workerId,
        String publicKey,
        int slots,
        int busySlots,
        long at,
        List<Running> running,
        long storageBytes,
        long storedBytes) {

    public record Running(String replicaId, long startedAt) {}

    public WorkerHeartbeat {
        running = running == null ? List.of() : List.copyOf(running);
    }

    /** A worker that offers no storage. */
    public WorkerHeartbeat(
            String workerId, String publicKey, int slots, int busySlots, long at, List<Running> running) {
        this(workerId, publicKey, slots, busySlots, at, running, 0, 0);
    }
}
