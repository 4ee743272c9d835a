package dev.dcp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.json.Json;
import dev.dcp.gateway.support.StubService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What the gateway refuses before forwarding, and what it adds to every answer. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=gateway",
            "dcp.gateway.admin-key=" + GatewayFrontDoorTest.ADMIN_KEY,
            "dcp.gateway.internal-secret=front-door-test-internal-secret",
            "dcp.gateway.max-body-bytes=1MB"
        })
class GatewayFrontDoorTest {

    static final String ADMIN_KEY = "admin-key-for-the-front-door-test";
    static final int LIMIT = 1024 * 1024;

    static final StubService services = StubService.knowing(Map.of());

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

    @LocalServerPort
    int port;

    final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void nothingSeenYet() {
        services.forget();
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIsA413ProblemAndNeverForwarded() throws Exception {
        HttpResponse<String> response =
                send(post("/api/v1/jobs", HttpRequest.BodyPublishers.ofByteArray(json(20 * 1024 * 1024))));

        assertProblem(response, 413, "Content Too Large");
        assertThat(services.seen()).isEmpty();
    }

    @Test
    void aChunkedBodyLargerThanTheLimitIsA413ProblemAndNeverForwarded() throws Exception {
        byte[] body = json(LIMIT + 4096);
        HttpResponse<String> response = send(
                post("/api/v1/jobs", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertProblem(response, 413, "Content Too Large");
        assertThat(services.seen()).isEmpty();
    }

    @Test
    void aChunkedBodyWithinTheLimitIsForwardedWhole() throws Exception {
        byte[] body = json(LIMIT - 1024);
        HttpResponse<String> response = send(
                post("/api/v1/jobs", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(services.seen())
                .singleElement()
                .extracting(StubService.Seen::bodyBytes)
                .isEqualTo(body.length);
    }

    @Test
    void aBodyThatIsNotJsonIsA415ProblemAndNeverForwarded() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/jobs"))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("kind=primes")));

        assertProblem(response, 415, "Unsupported Media Type");
        assertThat(services.seen()).isEmpty();
    }

    @Test
    void aJsonSuffixTypeIsJson() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/jobs"))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/merge-patch+json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void anAcceptThatAdmitsNoJsonIsA406ProblemAndNeverForwarded() throws Exception {
        HttpResponse<String> response = send(get("/api/v1/jobs").header("Accept", "text/html"));

        assertProblem(response, 406, "Not Acceptable");
        assertThat(services.seen()).isEmpty();
    }

    @Test
    void aJobsProgressStreamMayBeAskedForAsAnEventStream() throws Exception {
        HttpResponse<String> stream = send(get("/api/v1/jobs/j1/events").header("Accept", "text/event-stream"));
        HttpResponse<String> list = send(get("/api/v1/jobs").header("Accept", "text/event-stream"));

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(list.statusCode()).isEqualTo(406);
        assertThat(services.seen()).extracting(StubService.Seen::path).containsExactly("/api/v1/jobs/j1/events");
    }

    @Test
    void theRequestIdIsForwardedToTheService() throws Exception {
        send(get("/api/v1/jobs").header("X-Request-Id", "req-front-door-1"));
        HttpResponse<String> fresh = send(get("/api/v1/ledger/status"));

        assertThat(services.seen())
                .extracting(StubService.Seen::requestId)
                .containsExactly(
                        "req-front-door-1",
                        fresh.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndApiAnswersAreNotStored() throws Exception {
        for (HttpResponse<String> response : new HttpResponse[] {
            send(get("/api/v1/jobs")),
            send(HttpRequest.newBuilder(uri("/api/v1/jobs")).GET())
        }) {
            assertThat(response.headers().map())
                    .containsEntry("x-content-type-options", java.util.List.of("nosniff"))
                    .containsEntry("referrer-policy", java.util.List.of("no-referrer"))
                    .containsEntry("x-frame-options", java.util.List.of("DENY"))
                    .containsEntry("cache-control", java.util.List.of("no-store"))
                    .containsEntry(
                            "content-security-policy", java.util.List.of("default-src 'none'; frame-ancestors 'none'"))
                    .doesNotContainKey("strict-transport-security");
        }
    }

    @Test
    void theApiDocumentationMayLoadItsOwnScriptsAndStyles() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/swagger-ui/index.html")).GET());

        assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'");
        assertThat(response.headers().firstValue("Cache-Control")).isNotEqualTo(java.util.Optional.of("no-store"));
    }

    @Test
    void strictTransportSecurityOnlyWhenTheRequestCameOverHttps() throws Exception {
        HttpResponse<String> response = send(get("/api/v1/jobs").header("X-Forwarded-Proto", "https"));

        assertThat(response.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("max-age="));
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .GET();
    }

    private HttpRequest.Builder post(String path, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(body);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON document of exactly this many bytes. */
    private static byte[] json(int bytes) {
        byte[] body = new byte[bytes];
        Arrays.fill(body, (byte) 'a');
        byte[] head = "{\"pad\":\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(head, 0, body, 0, head.length);
        body[bytes - 2] = '"';
        body[bytes - 1] = '}';
        return body;
    }

    static void assertProblem(HttpResponse<String> response, int status, String title) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(Json.readMap(response.body()))
                .containsEntry("status", status)
                .containsEntry("title", title)
                .containsKeys("type", "detail");
    }
}
