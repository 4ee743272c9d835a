package dev.dcp.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for a service behind the gateway: it resolves the tenant keys it is given (as contract-service does),
 * answers everything else with {@code {"ok":true}} after an optional delay, and records what reached it.
 */
public final class StubService implements AutoCloseable {

    /** One request that reached the service. */
    public record Seen(String method, String path, String requestId, int bodyBytes) {}

    private final HttpServer server;
    private final Map<String, String> tenantsByKeyHash;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;

    private StubService(Map<String, String> tenantsByKey) {
        this.tenantsByKeyHash = new java.util.HashMap<>();
        tenantsByKey.forEach(
                (key, tenant) -> tenantsByKeyHash.put(Hashes.sha256Hex(key.getBytes(StandardCharsets.UTF_8)), tenant));
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
    }

    /** A service knowing these tenant keys (key to tenant id), all consumers. */
    public static StubService knowing(Map<String, String> tenantsByKey) {
        return new StubService(tenantsByKey);
    }

    public StubService answeringAfter(Duration delay) {
        this.delay = delay;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What reached the service on its API (key lookups not counted). */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public void forget() {
        seen.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        int status = 200;
        byte[] body;
        if (path.equals("/internal/keys/resolve")) {
            String tenant = tenantsByKeyHash.get((String)
                    Json.readMap(new String(request, StandardCharsets.UTF_8)).get("keyHash"));
            status = tenant == null ? 404 : 200;
            body = (tenant == null ? "{}" : "{\"tenantId\":\"" + tenant + "\",\"role\":\"consumer\"}")
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            seen.add(new Seen(
                    exchange.getRequestMethod(),
                    path,
                    exchange.getRequestHeaders().getFirst("X-Request-Id"),
                    request.length));
            sleep(delay);
            body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            // the gateway gave up waiting and went away: nothing to tell
        } finally {
            exchange.close();
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
