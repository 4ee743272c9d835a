package dev.dcp.contract.admission;

import dev.dcp.contract.admission.domain.AdmissionRules;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The subtasks-per-minute quota: one Bucket4j token bucket per tenant, refilled continuously. Buckets live in
 * this process; several contract-service replicas would each grant the quota (a shared Bucket4j backend would
 * make it global).
 */
@Component
class SubtaskRate {

    private record Limited(int perMinute, Bucket bucket) {}

    private final Map<String, Limited> buckets = new ConcurrentHashMap<>();
    private final TimeMeter time;

    SubtaskRate(Clock clock) {
        // Bucket4j's default meter reads System.currentTimeMillis(); this one reads the same wall time, in
        // milliseconds, from the injected clock, so that tests can fix it
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Takes {@code subtasks} tokens; returns 0 if it could, else the seconds until it could (at least 1). */
    long tryTake(String tenantId, int perMinute, int subtasks) {
        Limited limited = buckets.compute(
                tenantId,
                (id, old) -> old != null && old.perMinute() == perMinute
                        ? old
                        : new Limited(
                                perMinute,
                                Bucket.builder()
                                        .addLimit(limit -> limit.capacity(perMinute)
                                                .refillGreedy(perMinute, Duration.ofMinutes(1)))
                                        .withCustomTimePrecision(time)
                                        .build()));
        ConsumptionProbe probe = limited.bucket().tryConsumeAndReturnRemaining(subtasks);
        if (probe.isConsumed()) {
            return 0;
        }
        return AdmissionRules.retryAfterSeconds(probe.getNanosToWaitForRefill());
    }
}
