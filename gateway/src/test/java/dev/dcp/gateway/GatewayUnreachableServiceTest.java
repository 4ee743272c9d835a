package dev.dcp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=gateway",
            "dcp.gateway.admin-key=admin-key-for-the-gateway-test",
            "dcp.gateway.internal-secret=gateway-test-internal-secret"
        })
class GatewayUnreachableServiceTest {

    @DynamicPropertySource
    static void nothingListens(DynamicPropertyRegistry registry) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        registry.add("dcp.gateway.ledger-url", () -> "http://127.0.0.1:" + closedPort);
    }

    @LocalServerPort
    int port;

    @Test
    void aServiceThatCannotBeReachedIsA503ProblemWithRetryAfter() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ledger/status"))
                                .header("Authorization", "Bearer admin-key-for-the-gateway-test")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Json.readMap(response.body()))
                .containsEntry("status", 503)
                .containsEntry("title", "Service Unavailable");
    }
}
