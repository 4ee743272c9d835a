package dev.dcp.testkit;

import dev.dcp.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** The end-to-end tests' one way in: a call through the gateway with an API key, as a user's client makes it. */
public final class GatewayCalls {

    /** The status, the JSON body (empty if none) and the response itself, for its headers. */
    public record Reply(int status, Map<String, Object> body, HttpResponse<String> raw) {

        public String retryAfter() {
            return raw.headers().firstValue("Retry-After").orElse(null);
        }

        /** A body that is a JSON array (its {@link #body} is then empty). */
        public List<?> list() {
            return Json.read(raw.body(), List.class);
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();

    public HttpClient client() {
        return client;
    }

    public Reply call(String base, String method, String path, String key, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + key)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(Json.write(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> parsed =
                    response.body().isEmpty() || response.body().startsWith("[")
                            ? Map.of()
                            : Json.readMap(response.body());
            return new Reply(response.statusCode(), parsed, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
