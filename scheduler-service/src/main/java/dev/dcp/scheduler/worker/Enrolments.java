package dev.dcp.scheduler.worker;

import dev.dcp.common.auth.AdminCredential;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.scheduler.SchedulerProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Which worker keys contract-service has enrolled, at what price and reputation, and whether their provider's
 * stake makes them eligible for work. Read every few seconds and again at once when an unknown key shows up; if
 * contract-service cannot be reached, the last list stands.
 */
@Component
public class Enrolments {

    private static final Logger log = LoggerFactory.getLogger(Enrolments.class);
    /** An unknown key triggers a fresh read, but not more often than this. */
    private static final long MISS_REFRESH_NANOS = Duration.ofMillis(250).toNanos();

    public record Enrolment(
            String workerId,
            String publicKey,
            String providerId,
            int slots,
            long pricePerCpuSecond,
            Long storageBytes,
            long pricePerGiBDay,
            double reputation,
            long consecutiveValid,
            boolean trusted,
            long accepted,
            long rejected,
            boolean eligible) {}

    private record Page(List<Enrolment> items) {}

    /**
     * The shard space a worker offers: what it was enrolled with, no more than its heartbeat says it has room
     * for; a worker enrolled before storage was sold (null) offers what its heartbeat says.
     */
    public static long storageOffer(Enrolment enrolment, long heartbeatBytes) {
        if (enrolment == null) {
            return 0;
        }
        return enrolment.storageBytes() == null ? heartbeatBytes : Math.min(enrolment.storageBytes(), heartbeatBytes);
    }

    private final RestClient http;
    private volatile Map<String, Enrolment> byKey = Map.of();
    private volatile long readAt = System.nanoTime() - MISS_REFRESH_NANOS;

    Enrolments(RestClient.Builder builder, SchedulerProperties properties, ServiceCredential credential) {
        this.http = builder.baseUrl(properties.contractUrl())
                .requestInterceptor(new AdminCredential(credential))
                .build();
    }

    /**
     * The enrolment of a key, read afresh if it is not known yet. A read that began less than
     * {@code MISS_REFRESH} ago may predate the enrolment, so the fresh read waits for that much to have passed:
     * a key enrolled a moment ago is found, and unknown keys cannot make this read more often than that.
     */
    public Optional<Enrolment> of(String publicKey) {
        Enrolment e = byKey.get(publicKey);
        if (e == null) {
            long wait = MISS_REFRESH_NANOS - (System.nanoTime() - readAt);
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
            e = byKey.get(publicKey);
            if (e == null) {
                refresh();
                e = byKey.get(publicKey);
            }
        }
        return Optional.ofNullable(e);
    }

    /** What is known now, without asking: for listings. */
    public Optional<Enrolment> known(String publicKey) {
        return Optional.ofNullable(byKey.get(publicKey));
    }

    public boolean eligible(String publicKey) {
        return of(publicKey).map(Enrolment::eligible).orElse(false);
    }

    public boolean trusted(String publicKey) {
        return known(publicKey).map(e -> e.eligible() && e.trusted()).orElse(false);
    }

    @Scheduled(fixedDelayString = "${dcp.scheduler.enrolment-refresh:2s}")
    public synchronized void refresh() {
        readAt = System.nanoTime();
        try {
            Page page = http.get().uri("/internal/workers").retrieve().body(Page.class);
            if (page != null && page.items() != null) {
                byKey = page.items().stream()
                        .collect(Collectors.toUnmodifiableMap(Enrolment::publicKey, Function.identity(), (a, b) -> a));
            }
        } catch (RuntimeException e) {
            log.warn(
                    "could not read the enrolled workers from contract-service; keeping the last list: {}",
                    e.toString());
        }
    }
}
