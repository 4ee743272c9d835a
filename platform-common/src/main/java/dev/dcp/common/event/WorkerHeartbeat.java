package dev.dcp.common.event;

/** Registration and liveness of a worker, on {@link Topics#WORKERS} keyed by worker id. */
public record WorkerHeartbeat(String workerId, String publicKey, int slots, int busySlots, long at) {
}
