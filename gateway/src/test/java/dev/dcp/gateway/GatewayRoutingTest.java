package dev.dcp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dcp.common.auth.Caller;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway in front of three stand-in services that record what reaches them. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=gateway",
            "dcp.gateway.admin-key=" + GatewayRoutingTest.ADMIN_KEY,
            "dcp.gateway.internal-secret=" + GatewayRoutingTest.SECRET
        })
class GatewayRoutingTest {

    static final String ADMIN_KEY = "admin-key-for-the-gateway-test";
    static final String SECRET = "gateway-test-internal-secret";
    static final String TENANT_KEY = "dcp_tenant-key-of-t1";

    /** What each stand-in service saw last: path and forwarded credential. */
    static final Map<String, Map<String, String>> lastSeen = new ConcurrentHashMap<>();

    static final HttpServer ledger = stub("ledger");
    static final HttpServer contract = stub("contract");
    static final HttpServer scheduler = stub("scheduler");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("dcp.gateway.ledger-url", () -> url(ledger));
        registry.add("dcp.gateway.contract-url", () -> url(contract));
        registry.add("dcp.gateway.scheduler-url", () -> url(scheduler));
    }

    @AfterAll
    static void stopStubs() {
        ledger.stop(0);
        contract.stop(0);
        scheduler.stop(0);
    }

    @LocalServerPort
    int port;

    final HttpClient client = HttpClient.newHttpClient();
    final ServiceCredential credential = new ServiceCredential(SECRET, Clock.systemUTC());

    @Test
    void aCallWithoutAKeyIsA401ProblemAndReachesNoService() throws Exception {
        lastSeen.clear();
        HttpResponse<String> response = send("GET", "/api/v1/jobs", null, Map.of());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Json.readMap(response.body())).containsEntry("status", 401).containsKeys("type", "title", "detail");
        assertThat(lastSeen).isEmpty();
    }

    @Test
    void anUnknownKeyIsA401() throws Exception {
        assertThat(send("GET", "/api/v1/jobs", "dcp_not-a-key", Map.of()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void theAdminKeyReachesContractServiceAsTheAdminAndAForgedCredentialIsReplaced() throws Exception {
        String forged = new ServiceCredential("some-other-secret-entirely", Clock.systemUTC())
                .issue(new Caller("victim", Caller.Role.CONSUMER), java.time.Duration.ofMinutes(5));
        HttpResponse<String> response =
                send("POST", "/api/v1/tenants", ADMIN_KEY, Map.of(ServiceCredential.HEADER, forged));
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> seen = lastSeen.get("contract");
        assertThat(seen.get("path")).isEqualTo("/api/v1/tenants");
        assertThat(credential.verify(seen.get("credential"))).hasValue(Caller.admin());
    }

    @Test
    void aTenantKeyReachesTheSchedulerAsThatTenant() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/jobs/42?status=RUNNING", TENANT_KEY, Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> seen = lastSeen.get("scheduler");
        assertThat(seen.get("path")).isEqualTo("/api/v1/jobs/42");
        assertThat(seen.get("query")).isEqualTo("status=RUNNING");
        assertThat(credential.verify(seen.get("credential"))).hasValue(new Caller("t1", Caller.Role.CONSUMER));
    }

    @Test
    void ledgerAndWorkerRoutesGoToTheirServices() throws Exception {
        send("GET", "/api/v1/ledger/blocks/3", TENANT_KEY, Map.of());
        assertThat(lastSeen.get("ledger").get("path")).isEqualTo("/api/v1/ledger/blocks/3");
        send("GET", "/api/v1/workers", TENANT_KEY, Map.of());
        assertThat(lastSeen.get("scheduler").get("path")).isEqualTo("/api/v1/workers");
    }

    @Test
    void theGatewayAnswersAClientsExpectationItselfAndForwardsNone() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs/42"))
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TENANT_KEY)
                .expectContinue(true)
                .build();
        assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        Map<String, String> seen = lastSeen.get("scheduler");
        assertThat(seen.get("path")).isEqualTo("/api/v1/jobs/42");
        assertThat(seen).doesNotContainKey("expect");
    }

    @Test
    void everyResponseCarriesARequestIdEchoingTheClients() throws Exception {
        HttpResponse<String> echoed = send("GET", "/api/v1/jobs", TENANT_KEY, Map.of("X-Request-Id", "req-123"));
        assertThat(echoed.headers().firstValue("X-Request-Id")).hasValue("req-123");
        HttpResponse<String> fresh = send("GET", "/api/v1/jobs", null, Map.of());
        assertThat(fresh.headers().firstValue("X-Request-Id")).isPresent();
    }

    private HttpResponse<String> send(String method, String path, String key, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        method.equals("GET")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpServer stub(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> answer(name, exchange));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(String name, HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        int status = 200;
        if (path.equals("/internal/keys/resolve")) {
            String requested =
                    (String) Json.readMap(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                            .get("keyHash");
            boolean known = requested.equals(Hashes.sha256Hex(TENANT_KEY.getBytes(StandardCharsets.UTF_8)));
            status = known ? 200 : 404;
            body = (known ? "{\"tenantId\":\"t1\",\"role\":\"consumer\"}" : "{}").getBytes(StandardCharsets.UTF_8);
        } else {
            Map<String, String> seen = new ConcurrentHashMap<>();
            seen.put("path", path);
            if (exchange.getRequestURI().getQuery() != null) {
                seen.put("query", exchange.getRequestURI().getQuery());
            }
            String cred = exchange.getRequestHeaders().getFirst(ServiceCredential.HEADER);
            if (cred != null) {
                seen.put("credential", cred);
            }
            String expect = exchange.getRequestHeaders().getFirst("Expect");
            if (expect != null) {
                seen.put("expect", expect);
            }
            lastSeen.put(name, seen);
            body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
