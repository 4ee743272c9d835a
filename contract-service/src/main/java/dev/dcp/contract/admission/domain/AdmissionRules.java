package dev.dcp.contract.admission.domain;

import dev.dcp.contract.account.domain.Quota;
import java.util.Optional;

/**
 * Whether a tenant may start a job, decided on plain numbers before anything changes, in this order: a job of more
 * subtasks than the tenant may submit in a minute can never fit, a tenant at its limit of running jobs waits for
 * one to end, and a balance short of the job's maxCredits refuses it. The subtask rate comes after these, from a
 * token bucket that changes as it is asked, so the caller takes its tokens only once these have passed.
 */
public final class AdmissionRules {

    /** Why a job is not admitted; nothing was changed for it. */
    public sealed interface Refusal
            permits TooManySubtasks, TooManyRunningJobs, InsufficientCredits, SubtaskRateExceeded {}

    /** The job alone is more than a minute's subtasks: asking again never helps. */
    public record TooManySubtasks(int subtasks, int subtasksPerMinute) implements Refusal {}

    /** Jobs end at any moment, so the tenant is told to try again after a second. */
    public record TooManyRunningJobs(int concurrentJobs, long running) implements Refusal {

        public long retryAfterSeconds() {
            return 1;
        }
    }

    public record InsufficientCredits(long maxCredits, long balance) implements Refusal {}

    /** This minute's subtasks are spent; {@code subtasks} more fit in {@code retryAfterSeconds}. */
    public record SubtaskRateExceeded(int subtasksPerMinute, int subtasks, long retryAfterSeconds) implements Refusal {}

    private AdmissionRules() {}

    /** The first rule the job breaks, or empty when the subtask rate is all that is left to ask. */
    public static Optional<Refusal> refusal(
            Quota quota, long runningJobs, long balance, long maxCredits, int subtasks) {
        if (subtasks > quota.subtasksPerMinute()) {
            return Optional.of(new TooManySubtasks(subtasks, quota.subtasksPerMinute()));
        }
        if (runningJobs >= quota.concurrentJobs()) {
            return Optional.of(new TooManyRunningJobs(quota.concurrentJobs(), runningJobs));
        }
        if (balance < maxCredits) {
            return Optional.of(new InsufficientCredits(maxCredits, balance));
        }
        return Optional.empty();
    }

    /** Seconds until a bucket that is short of tokens has refilled enough: whole seconds, rounded up, at least 1. */
    public static long retryAfterSeconds(long nanosToWait) {
        return Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
    }
}
