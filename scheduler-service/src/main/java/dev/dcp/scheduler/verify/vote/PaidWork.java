package dev.dcp.scheduler.verify.vote;

/**
 * What one accepted answer is paid for, in its kind's units: the work the replicas agreed on, but never more than
 * the scheduler's own bound for the subtask. Agreement settles the work between replicas; the bound settles it for
 * a lone answer (redundancy 1, or an adaptive job's trusted worker), which nobody else checked.
 */
public final class PaidWork {

    private PaidWork() {}

    /**
     * @param agreed the work inside the accepted output; null when it carries none (nothing is paid then)
     * @param bound  the subtask's bound; null for a subtask stored before metering (the agreed work stands)
     */
    public static long of(Long agreed, Long bound) {
        if (agreed == null || agreed < 0) {
            return 0;
        }
        return bound == null ? agreed : Math.min(agreed, bound);
    }
}
