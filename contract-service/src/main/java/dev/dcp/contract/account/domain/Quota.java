package dev.dcp.contract.account.domain;

/**
 * The limits a tenant meets: admission's (jobs at once, subtasks per minute) and the bytes of objects it may keep
 * (sizes as uploaded, before coding); its own where the admin set them, else the defaults.
 */
public record Quota(int concurrentJobs, int subtasksPerMinute, long storageBytes) {

    /** A tenant's limits: each one the admin set ({@code own…} not null) replaces its default. */
    public static Quota of(
            Integer ownConcurrentJobs, Integer ownSubtasksPerMinute, Long ownStorageBytes, Quota defaults) {
        return new Quota(
                ownConcurrentJobs != null ? ownConcurrentJobs : defaults.concurrentJobs(),
                ownSubtasksPerMinute != null ? ownSubtasksPerMinute : defaults.subtasksPerMinute(),
                ownStorageBytes != null ? ownStorageBytes : defaults.storageBytes());
    }
}
