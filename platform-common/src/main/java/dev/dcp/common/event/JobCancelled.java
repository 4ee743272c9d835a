package dev.dcp.common.event;

/** On {@link Topics#JOB_CANCELLATIONS}: a job was cancelled, so its queued subtasks need not be computed. */
public record JobCancelled(String jobId, long at) {}
