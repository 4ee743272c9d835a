package dev.dcp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.gateway.support.StubService;
import dev.dcp.testkit.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=gateway",
            "dcp.gateway.admin-key=admin-key-for-the-rate-limit-test",
            "dcp.gateway.internal-secret=rate-limit-test-internal-secret",
            "dcp.gateway.rate-limit.capacity=5",
            "dcp.gateway.rate-limit.refill-per-second=1"
        })
class GatewayRateLimitTest {

    static final String BUSY_KEY = "dcp_busy-tenant-key";
    static final String QUIET_KEY = "dcp_quiet-tenant-key";

    static final StubService services = StubService.knowing(Map.of(BUSY_KEY, "busy", QUIET_KEY, "quiet"));

    @DynamicPropertySource
    static void everyServiceIsTheStub(DynamicPropertyRegistry registry) {
        registry.add("dcp.gateway.ledger-url", services::url);
        registry.add("dcp.gateway.contract-url", services::url);
        registry.add("dcp.gateway.scheduler-url", services::url);
    }

    @AfterAll
    static void stopStub() {
        services.close();
    }

    /** Time stands still: the bucket refills only when the test says so. */
    @TestConfiguration(proxyBeanMethods = false)
    static class StillTime {
        @Bean
        @Primary
        ManualClock stillClock() {
            return new ManualClock(Instant.now());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ManualClock clock;

    final HttpClient client = HttpClient.newHttpClient();

    @Test
    void afterItsBurstAKeyIsA429ProblemWithRetryAfterWhileAnotherKeyIsStillServed() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(send(BUSY_KEY).statusCode());
        }
        HttpResponse<String> refused = send(BUSY_KEY);

        assertThat(statuses).containsOnly(200);
        GatewayFrontDoorTest.assertProblem(refused, 429, "Too Many Requests");
        assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong))
                .hasValue(1L);
        assertThat(send(QUIET_KEY).statusCode()).isEqualTo(200);
        assertThat(services.seen()).hasSize(6);
    }

    @Test
    void aRefusedKeyIsServedAgainOnceItsBucketHasRefilled() throws Exception {
        String key = "dcp_patient-tenant-key";
        for (int i = 0; i < 5; i++) {
            send(key);
        }
        long retryAfter =
                Long.parseLong(send(key).headers().firstValue("Retry-After").orElseThrow());

        clock.advance(Duration.ofSeconds(retryAfter));

        assertThat(send(key).statusCode()).isNotEqualTo(429);
    }

    private HttpResponse<String> send(String key) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs"))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
