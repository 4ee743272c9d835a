package dev.dcp.gateway.auth;

import dev.dcp.common.auth.AdminCredential;
import dev.dcp.common.auth.Caller;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.gateway.GatewayProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Turns an API key into the caller it belongs to: the admin key by constant-time comparison, tenant keys by
 * asking contract-service for the holder of the key's hash (cached briefly, so a revoked key dies within the TTL).
 */
@Component
class KeyResolver {

    private record Cached(Caller caller, long expiresAt) {}

    private final byte[] adminKey;
    private final RestClient contract;
    private final long ttlMillis;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    KeyResolver(GatewayProperties properties, RestClient.Builder http, ServiceCredential credential, Clock clock) {
        this.adminKey = properties.adminKey().getBytes(StandardCharsets.UTF_8);
        this.contract = http.baseUrl(properties.contractUrl())
                .requestInterceptor(new AdminCredential(credential))
                .build();
        this.ttlMillis = properties.keyCacheTtl().toMillis();
        this.clock = clock;
    }

    Optional<Caller> resolve(String apiKey) {
        if (MessageDigest.isEqual(adminKey, apiKey.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(Caller.admin());
        }
        String hash = Hashes.sha256Hex(apiKey.getBytes(StandardCharsets.UTF_8));
        long now = clock.millis();
        Cached hit = cache.get(hash);
        if (hit != null && hit.expiresAt() > now) {
            return Optional.of(hit.caller());
        }
        try {
            Map<?, ?> found = contract.post()
                    .uri("/internal/keys/resolve")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("keyHash", hash))
                    .retrieve()
                    .body(Map.class);
            Caller caller =
                    new Caller((String) found.get("tenantId"), Caller.Role.ofTenantRole((String) found.get("role")));
            if (cache.size() > 100_000) {
                cache.clear(); // bounded: a flood of distinct keys must not grow memory without limit
            }
            cache.put(hash, new Cached(caller, now + ttlMillis));
            return Optional.of(caller);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
