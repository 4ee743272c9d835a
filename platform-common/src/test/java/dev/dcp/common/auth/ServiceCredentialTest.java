package dev.dcp.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ServiceCredentialTest {

    private static final String SECRET = "0123456789abcdef-internal";
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Caller CONSUMER = new Caller("tenant-7", Caller.Role.CONSUMER);

    private final ServiceCredential credentials = new ServiceCredential(SECRET, CLOCK);

    private static ServiceCredential at(Instant instant) {
        return new ServiceCredential(SECRET, Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A token built by hand, independently of issue(): base64url(json) "." base64url(HMAC-SHA256(body)). */
    private static String handMadeToken(String secret, String claimsJson) throws Exception {
        String body = b64(claimsJson.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return body + "." + b64(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void issuedTokenVerifiesToTheSameCaller() {
        String token = credentials.issue(CONSUMER, TTL);

        assertThat(credentials.verify(token)).contains(CONSUMER);
    }

    @Test
    void adminWithoutTenantSurvivesTheRoundTrip() {
        String token = credentials.issue(Caller.admin(), TTL);

        assertThat(credentials.verify(token)).hasValueSatisfying(caller -> {
            assertThat(caller.isAdmin()).isTrue();
            assertThat(caller.tenantId()).isNull();
        });
    }

    @Test
    void everyRoleSurvivesTheRoundTrip() {
        for (Caller.Role role : Caller.Role.values()) {
            Caller caller = new Caller("t-" + role, role);

            assertThat(credentials.verify(credentials.issue(caller, TTL))).contains(caller);
        }
    }

    @Test
    void tokenIsVerifiedByAnotherInstanceWithTheSameSecret() {
        String token = credentials.issue(CONSUMER, TTL);

        assertThat(new ServiceCredential(SECRET, CLOCK).verify(token)).contains(CONSUMER);
    }

    @Test
    void tokenMadeByHandWithTheSecretIsAccepted() throws Exception {
        long expires = NOW.toEpochMilli() + 1000;
        String token = handMadeToken(SECRET, "{\"t\":\"tenant-9\",\"r\":\"PROVIDER\",\"e\":" + expires + "}");

        assertThat(credentials.verify(token)).contains(new Caller("tenant-9", Caller.Role.PROVIDER));
    }

    @Test
    void tokenWithAChangedBodyIsRejected() {
        String token = credentials.issue(CONSUMER, TTL);
        String body = token.substring(0, token.indexOf('.'));
        String mac = token.substring(token.indexOf('.') + 1);
        String json = new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8);
        String escalated = json.replace("CONSUMER", "ADMIN");
        assertThat(escalated).isNotEqualTo(json);

        String forged = b64(escalated.getBytes(StandardCharsets.UTF_8)) + "." + mac;

        assertThat(credentials.verify(forged)).isEmpty();
    }

    @Test
    void tokenWithAChangedMacIsRejected() {
        String token = credentials.issue(CONSUMER, TTL);
        int dot = token.indexOf('.');
        for (int i = dot + 1; i < token.length() - 1; i++) {
            char c = token.charAt(i);
            String tampered = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);

            assertThat(credentials.verify(tampered)).as("position %d", i).isEmpty();
        }
    }

    @Test
    void tokenWithoutItsMacIsRejected() {
        String token = credentials.issue(CONSUMER, TTL);
        String body = token.substring(0, token.indexOf('.'));

        assertThat(credentials.verify(body)).isEmpty();
        assertThat(credentials.verify(body + ".")).isEmpty();
    }

    @Test
    void tokenFromAnotherSecretIsRejected() {
        ServiceCredential other = new ServiceCredential("another-secret-of-16+", CLOCK);

        assertThat(credentials.verify(other.issue(CONSUMER, TTL))).isEmpty();
        assertThat(other.verify(credentials.issue(CONSUMER, TTL))).isEmpty();
    }

    @Test
    void tokenIsValidUntilItsExpiryAndRejectedAfter() {
        String token = credentials.issue(CONSUMER, TTL);

        assertThat(at(NOW.plus(TTL).minusMillis(1)).verify(token)).contains(CONSUMER);
        assertThat(at(NOW.plus(TTL)).verify(token)).contains(CONSUMER);
        assertThat(at(NOW.plus(TTL).plusMillis(1)).verify(token)).isEmpty();
        assertThat(at(NOW.plus(Duration.ofDays(1))).verify(token)).isEmpty();
    }

    @Test
    void tokenIssuedWithZeroTtlExpiresAsSoonAsTheClockMoves() {
        String token = credentials.issue(CONSUMER, Duration.ZERO);

        assertThat(at(NOW.plusMillis(1)).verify(token)).isEmpty();
    }

    @Test
    void garbageIsRejectedWithoutExceptions() {
        List<String> garbage = List.of(
                "",
                ".",
                "..",
                "abc",
                "a.b",
                ".abc",
                "abc.",
                "!!!.???",
                "a.b.c",
                "eyJ0IjpudWxsfQ.AAAA",
                "%%%%.%%%%",
                " ",
                "\u0000.\u0000",
                "\u20ac.\u20ac",
                "x".repeat(10_000));

        assertThat(credentials.verify(null)).isEmpty();
        for (String token : garbage) {
            assertThatCode(() -> assertThat(credentials.verify(token)).isEmpty())
                    .as(token)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void correctlyMacedButMalformedClaimsAreRejectedWithoutExceptions() throws Exception {
        List<String> claims = List.of(
                "not json",
                "{}",
                "[]",
                "{\"t\":\"x\",\"r\":\"ROOT\",\"e\":99999999999999}",
                "{\"t\":\"x\",\"r\":\"ADMIN\"}",
                "{\"t\":\"x\",\"r\":\"ADMIN\",\"e\":\"later\"}",
                "{\"t\":5,\"r\":\"ADMIN\",\"e\":99999999999999}",
                "{\"t\":\"x\",\"e\":99999999999999}");

        for (String json : claims) {
            String token = handMadeToken(SECRET, json);
            Optional<Caller>[] result = new Optional[1];

            assertThatCode(() -> result[0] = credentials.verify(token)).as(json).doesNotThrowAnyException();
            assertThat(result[0]).as(json).isEmpty();
        }
    }

    @Test
    void secretsShorterThanSixteenCharactersAreRefused() {
        assertThatThrownBy(() -> new ServiceCredential(null, CLOCK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceCredential("", CLOCK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceCredential("x".repeat(15), CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> new ServiceCredential("x".repeat(16), CLOCK)).doesNotThrowAnyException();
    }
}
