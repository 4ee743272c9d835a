package dev.dcp.scheduler.storage.lease;

import dev.dcp.common.auth.AdminCredential;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.common.web.ProblemException;
import dev.dcp.scheduler.SchedulerProperties;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The money side of stored objects, kept by contract-service: what a tenant may still store, the lease (escrow and
 * {@code OBJECT_STORED}) opened once an object is fully stored, its payments period by period, and its close
 * (the rest released, {@code OBJECT_DELETED}). Every call is idempotent there, so retrying one is safe; a refusal
 * (402, 413, 400) is passed on as it came, and contract-service being away is a 503 with nothing changed.
 */
@Component
public class StorageLeases {

    public record Quote(long quotaBytes, long storedBytes, long remainingBytes) {}

    public record Terms(
            UUID objectId,
            String tenantId,
            String cid,
            long size,
            int k,
            int m,
            int days,
            String merkleRoot,
            Collection<String> workerIds) {}

    /** Shards one worker holds, counted as the plaintext bytes of their segments. */
    public record Holding(String workerId, long segmentBytes) {}

    public record Lease(
            UUID objectId,
            String cid,
            String status,
            long escrowed,
            long pricePerGiBDay,
            long paid,
            long released,
            Instant paidThrough,
            Instant retentionEnd,
            long paidNow) {}

    private record Period(Instant through, List<Holding> holdings, String reason) {}

    private final RestClient http;

    StorageLeases(RestClient.Builder builder, SchedulerProperties properties, ServiceCredential credential) {
        this.http = builder.baseUrl(properties.contractUrl())
                .requestInterceptor(new AdminCredential(credential))
                .build();
    }

    public Quote quote(String tenantId) {
        return call(() -> http.get()
                .uri(u -> u.path("/internal/storage/quotes")
                        .queryParam("tenantId", tenantId)
                        .build())
                .retrieve()
                .onStatus(s -> s.is4xxClientError(), (request, response) -> {
                    throw relayed(response);
                })
                .body(Quote.class));
    }

    public Lease open(Terms terms) {
        return call(() -> http.post()
                .uri("/internal/storage/leases")
                .contentType(MediaType.APPLICATION_JSON)
                .body(terms)
                .retrieve()
                .onStatus(s -> s.is4xxClientError(), (request, response) -> {
                    throw relayed(response);
                })
                .body(Lease.class));
    }

    public Lease pay(UUID objectId, Instant through, List<Holding> holdings) {
        return period(objectId, "payments", new Period(through, holdings, null));
    }

    /** {@code reason}: deleted, expired, abandoned or duplicate. A lease never opened is not an error: empty. */
    public Optional<Lease> close(UUID objectId, Instant through, List<Holding> holdings, String reason) {
        try {
            return Optional.of(period(objectId, "close", new Period(through, holdings, reason)));
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Lease period(UUID objectId, String what, Period period) {
        return call(() -> http.post()
                .uri("/internal/storage/leases/{id}/" + what, objectId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(period)
                .retrieve()
                .onStatus(s -> s.is4xxClientError(), (request, response) -> {
                    throw relayed(response);
                })
                .body(Lease.class));
    }

    private static ProblemException relayed(ClientHttpResponse response) throws IOException {
        return ProblemException.relayed(
                response.getStatusCode().value(),
                response.getBody().readAllBytes(),
                response.getHeaders().getFirst("Retry-After"));
    }

    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ProblemException e) {
            throw e;
        } catch (RestClientException e) {
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Accounts unavailable",
                    "The service that keeps accounts did not answer (" + e.getMessage()
                            + "); nothing was changed. Try again.",
                    List.of(),
                    5L);
        }
    }
}
