package dev.dcp.contract.account.domain;

/** The limits admission applies to a tenant: its own where the admin set them, else the defaults. */
public record Quota(int concurrentJobs, int subtasksPerMinute) {

    /** A tenant's limits: each one the admin set ({@code own…} not null) replaces its default. */
    public static Quota of(Integer ownConcurrentJobs, Integer ownSubtasksPerMinute, Quota defaults) {
        return new Quota(
                ownConcurrentJobs != null ? ownConcurrentJobs : defaults.concurrentJobs(),
                ownSubtasksPerMinute != null ? ownSubtasksPerMinute : defaults.subtasksPerMinute());
    }
}
