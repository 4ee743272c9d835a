package dev.dcp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.gateway.support.StubService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=gateway",
            "dcp.gateway.admin-key=" + GatewayUpstreamTimeoutTest.ADMIN_KEY,
            "dcp.gateway.internal-secret=timeout-test-internal-secret",
            "dcp.gateway.upstream-timeout=300ms"
        })
class GatewayUpstreamTimeoutTest {

    static final String ADMIN_KEY = "admin-key-for-the-timeout-test";

    static final StubService slowScheduler = StubService.knowing(Map.of()).answeringAfter(Duration.ofSeconds(3));

    @DynamicPropertySource
    static void theSchedulerIsSlow(DynamicPropertyRegistry registry) {
        registry.add("dcp.gateway.scheduler-url", slowScheduler::url);
    }

    @AfterAll
    static void stopStub() {
        slowScheduler.close();
    }

    @LocalServerPort
    int port;

    @Test
    void aServiceThatDoesNotAnswerInTimeIsA504Problem() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs"))
                                .header("Authorization", "Bearer " + ADMIN_KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        GatewayFrontDoorTest.assertProblem(response, 504, "Gateway Timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(slowScheduler.seen()).hasSize(1);
    }
}
