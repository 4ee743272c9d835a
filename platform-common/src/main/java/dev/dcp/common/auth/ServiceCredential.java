package dev.dcp.common.auth;

import dev.dcp.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credential the gateway forwards and every service verifies: the caller and an expiry, MACed with the
 * platform's internal secret (HMAC-SHA256). A client can send the header, but cannot forge one.
 */
public final class ServiceCredential {

    public static final String HEADER = "X-Dcp-Credential";

    private final byte[] secret;
    private final Clock clock;

    public ServiceCredential(String secret, Clock clock) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("dcp.internal.secret must be at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    public String issue(Caller caller, Duration ttl) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("t", caller.tenantId());
        claims.put("r", caller.role().name());
        claims.put("e", clock.millis() + ttl.toMillis());
        String body = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(body));
    }

    public Optional<Caller> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String body = token.substring(0, dot);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(body), given)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> claims =
                    Json.readMap(new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8));
            long expires = ((Number) claims.get("e")).longValue();
            if (expires < clock.millis()) {
                return Optional.empty();
            }
            return Optional.of(new Caller((String) claims.get("t"), Caller.Role.valueOf((String) claims.get("r"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JRE", e);
        }
    }
}
