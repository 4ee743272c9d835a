package dev.dcp.cli.api;

import dev.dcp.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.LongConsumer;

/**
 * The public API at one base URL, as a tenant's or the admin's key sees it. Every answer is JSON; a 4xx or 5xx
 * becomes an {@link ApiProblem} carrying the problem document's title, detail and field errors.
 */
public final class ApiClient {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final String key;
    private final HttpClient http;

    public ApiClient(String baseUrl, String key) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.key = key;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public String baseUrl() {
        return base.toString();
    }

    public Map<String, Object> get(String path) {
        return send("GET", path, null);
    }

    public Map<String, Object> post(String path, Object body) {
        return send("POST", path, body);
    }

    public Map<String, Object> delete(String path) {
        return send("DELETE", path, null);
    }

    /** A path with its query, leaving out parameters that are null. */
    public static String path(String path, Map<String, Object> query) {
        StringJoiner q = new StringJoiner("&");
        query.forEach((name, value) -> {
            if (value != null) {
                q.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return q.length() == 0 ? path : path + "?" + q;
    }

    /** Query parameters in the order given, for {@link #path}. */
    public static Map<String, Object> query(Object... namesAndValues) {
        Map<String, Object> q = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            q.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return q;
    }

    private Map<String, Object> send(String method, String path, Object body) {
        HttpRequest.Builder request = request(path)
                .timeout(CALL_TIMEOUT)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return answer(exchange(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * Opens a server-sent event stream. The caller closes the stream; a refusal (404 for a job that is not the
     * caller's, 401 for a bad key) is an {@link ApiProblem} before any event is read.
     */
    public InputStream stream(String path) {
        HttpRequest request =
                request(path).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 400) {
            throw refused(response);
        }
        return response.body();
    }

    /**
     * Streams a file's bytes up as {@code application/octet-stream}; {@code sent} hears how many bytes have gone.
     * The answer is JSON, a 4xx or 5xx an {@link ApiProblem}.
     */
    public Map<String, Object> upload(String path, Path file, LongConsumer sent) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest request = request(path)
                .header("Accept", "application/json")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> counting(file, sent)), size))
                .build();
        return answer(exchange(request, HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * Opens an object's bytes from {@code from} on (a {@code Range} request when above 0, valid only while the
     * object's ETag is {@code etag}). The answer's status says what came: 200 the whole object, 206 the rest, 416 nothing
     * left; a refusal is an {@link ApiProblem}.
     */
    public HttpResponse<InputStream> download(String path, long from, String etag) {
        HttpRequest.Builder request =
                request(path).header("Accept", "application/octet-stream").GET();
        if (from > 0) {
            request.header("Range", "bytes=" + from + "-").header("If-Range", etag);
        }
        HttpResponse<InputStream> response = exchange(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 400 && response.statusCode() != 416) {
            throw refused(response);
        }
        return response;
    }

    /** A JSON answer, or the {@link ApiProblem} of a 4xx or 5xx. */
    private static Map<String, Object> answer(HttpResponse<String> response) {
        Map<String, Object> json = response.body() == null || response.body().isBlank()
                ? Map.of()
                : parse(response.statusCode(), response.body());
        if (response.statusCode() >= 400) {
            throw ApiProblem.of(response.statusCode(), json);
        }
        return json;
    }

    /** The problem a streamed answer's refusal carries, read from its body. */
    private static ApiProblem refused(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return ApiProblem.of(
                    response.statusCode(),
                    parse(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream counting(Path file, LongConsumer sent) {
        try {
            return new java.io.FilterInputStream(Files.newInputStream(file)) {
                private long total;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        total += n;
                        sent.accept(total);
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (key != null && !key.isBlank()) {
            b.header("Authorization", "Bearer " + key);
        }
        return b.header("User-Agent", "dcp-cli");
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw ApiProblem.unreachable(base.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.unreachable(base.toString(), e);
        }
    }

    private static Map<String, Object> parse(int status, String body) {
        try {
            return Json.readMap(body);
        } catch (RuntimeException notJson) {
            // a proxy's HTML error page, say: the status is all there is to tell
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("title", "HTTP " + status);
            m.put("detail", body.length() > 200 ? body.substring(0, 200) + "…" : body);
            return m;
        }
    }
}
