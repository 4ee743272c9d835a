package dev.dcp.gateway.limit;

import dev.dcp.gateway.GatewayProperties;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Bucket4j token bucket per caller, in this process. The map is bounded, least recently used out first: a
 * flood of made-up keys costs at most {@link #MAX_CALLERS} buckets, and a caller evicted by it starts again with a
 * full bucket.
 */
class RateBuckets {

    static final int MAX_CALLERS = 100_000;

    private final GatewayProperties.RateLimit limit;
    private final TimeMeter time;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CALLERS;
        }
    };

    RateBuckets(GatewayProperties.RateLimit limit, Clock clock) {
        this.limit = limit;
        // refills by the gateway's clock (Bucket4j's default reads the system's), so that tests can hold time still
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

    /** Takes one token; returns 0 if it could, else the whole seconds until it could (at least 1). */
    long tryTake(String caller) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(caller, c -> newBucket());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : retryAfterSeconds(probe.getNanosToWaitForRefill());
    }

    static long retryAfterSeconds(long nanosToWait) {
        return Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(
                        l -> l.capacity(limit.capacity()).refillGreedy(limit.refillPerSecond(), Duration.ofSeconds(1)))
                .withCustomTimePrecision(time)
                .build();
    }
}
