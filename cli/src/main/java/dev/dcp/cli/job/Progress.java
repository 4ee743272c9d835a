package dev.dcp.cli.job;

import java.time.Duration;
import java.util.Optional;

/**
 * How far a job is, and how fast it goes: the accepted subtasks against the total, the rate since the first
 * subtask was accepted, and the time left at that rate. A value: each update makes a new one.
 */
public record Progress(
        String status,
        int accepted,
        int subtasks,
        long startedAtMillis,
        long firstAcceptedAtMillis,
        int firstAccepted) {

    public static Progress start(long nowMillis) {
        return new Progress("QUEUED", 0, 0, nowMillis, -1, 0);
    }

    public Progress update(String newStatus, int newAccepted, int newSubtasks, long nowMillis) {
        boolean firstSeen = firstAcceptedAtMillis < 0 && newAccepted > 0;
        // the rate counts from the first acceptance seen: one seen at once (a job half done when watched) is the
        // baseline, not a burst
        long firstAt = firstSeen ? nowMillis : firstAcceptedAtMillis;
        int first = firstSeen ? newAccepted : firstAccepted;
        return new Progress(newStatus, newAccepted, newSubtasks, startedAtMillis, firstAt, first);
    }

    public boolean isFinal() {
        return "COMPLETED".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
    }

    public double fraction() {
        return subtasks <= 0 ? 0 : Math.min(1.0, (double) accepted / subtasks);
    }

    /** Subtasks accepted per second since the first one, once there is more than one to time. */
    public Optional<Double> rate(long nowMillis) {
        long elapsed = nowMillis - firstAcceptedAtMillis;
        int done = accepted - firstAccepted;
        if (firstAcceptedAtMillis < 0 || elapsed <= 0 || done <= 0) {
            return Optional.empty();
        }
        return Optional.of(done * 1000.0 / elapsed);
    }

    /** The time left at the current rate. */
    public Optional<Duration> eta(long nowMillis) {
        return rate(nowMillis).map(r -> Duration.ofMillis((long) Math.ceil((subtasks - accepted) / r * 1000)));
    }

    public Duration elapsed(long nowMillis) {
        return Duration.ofMillis(Math.max(0, nowMillis - startedAtMillis));
    }
}
