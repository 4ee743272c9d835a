package dev.dcp.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.dcp.common.auth.Caller;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.gateway.GatewayProperties;
import dev.dcp.testkit.ManualClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

class KeyResolverTest {

    private static final String ADMIN_KEY = "admin-key-for-the-resolver-test";

    private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final AtomicInteger lookups = new AtomicInteger();
    private HttpServer contract;
    private KeyResolver resolver;

    @BeforeEach
    void contractServiceKnowingOneTenantKey() throws IOException {
        contract = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        contract.createContext("/internal/keys/resolve", exchange -> {
            lookups.incrementAndGet();
            byte[] answer = "{\"tenantId\":\"t1\",\"role\":\"consumer\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        contract.start();
        GatewayProperties properties = new GatewayProperties(
                ADMIN_KEY,
                "resolver-test-secret",
                "http://unused",
                "http://127.0.0.1:" + contract.getAddress().getPort(),
                "http://unused",
                Duration.ofSeconds(30),
                DataSize.ofMegabytes(1),
                Duration.ofSeconds(30),
                new GatewayProperties.RateLimit(true, 200, 100));
        resolver = new KeyResolver(
                properties, RestClient.builder(), new ServiceCredential(properties.internalSecret(), clock), clock);
    }

    @AfterEach
    void stopContractService() {
        contract.stop(0);
    }

    @Test
    void aTenantKeyIsTrustedForTheCacheTtlByTheGatewaysClockAndLookedUpAgainAfter() {
        Caller tenant = new Caller("t1", Caller.Role.CONSUMER);

        assertThat(resolver.resolve("dcp_key")).hasValue(tenant);
        clock.advance(Duration.ofSeconds(29));
        assertThat(resolver.resolve("dcp_key")).hasValue(tenant);
        assertThat(lookups).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(resolver.resolve("dcp_key")).hasValue(tenant);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void theAdminKeyIsRecognisedWithoutAsking() {
        assertThat(resolver.resolve(ADMIN_KEY)).hasValue(Caller.admin());
        assertThat(lookups).hasValue(0);
    }
}
