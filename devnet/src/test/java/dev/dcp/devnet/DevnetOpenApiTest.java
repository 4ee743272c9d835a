package dev.dcp.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API reference (docs/api.md) against what the platform documents: every method and path its served sections
 * list is in the gateway's combined OpenAPI document, which a client reads without a key, and the Swagger UI over it
 * loads at /docs. Then, with a service stopped, the document is still served and names what is missing.
 */
class DevnetOpenApiTest {

    static final String ADMIN_KEY = "dcp_admin_openapi_test_key";
    static final Path API_MD = Path.of("..", "docs", "api.md");
    /** The heading of the endpoints the reference lists as not yet served: the only part left unchecked. */
    static final String PLANNED = "## Planned, not yet served";

    static final Pattern ROW = Pattern.compile("^\\|\\s*`(GET|POST|PUT|PATCH|DELETE|HEAD) (/api/[^`\\s]*)`\\s*\\|");

    record Endpoint(String method, String path) {

        /** The path's shape: no query, and path variables unnamed ({id} and {jobId} are the same template). */
        String template() {
            return path.replaceAll("\\?.*$", "").replaceAll("\\{[^}]*}", "{}");
        }
    }

    @TempDir
    Path state;

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @Test
    void everyServedEndpointOfTheReferenceIsInTheGatewaysDocumentAndTheUiLoads() throws Exception {
        List<Endpoint> served = endpoints(false);
        assertThat(served).as("the served rows of " + API_MD).hasSizeGreaterThan(20);
        // nothing is left under a planned heading: every row of the reference is served and checked below
        assertThat(endpoints(true)).isEmpty();

        try (Devnet devnet = Devnet.start(new DevnetConfig(state, 0, 0, ADMIN_KEY, false))) {
            String base = devnet.gatewayUrl();

            HttpResponse<String> docs = get(base + "/v3/api-docs"); // no key: the docs are public
            assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
            Map<String, Object> doc = Json.readMap(docs.body());
            Files.writeString(Path.of("target", "combined-api-docs.json"), docs.body()); // for a reader of a failure
            assertThat(doc).doesNotContainKey("x-dcp-missing");
            assertThat(String.valueOf(doc.get("openapi"))).startsWith("3.");
            assertThat(DevnetApi.asMap(doc.get("info"))).containsEntry("title", "dcp public API");
            assertThat(servers(doc)).containsExactly(base);

            Map<String, Object> paths = DevnetApi.asMap(doc.get("paths"));
            List<String> documented = new ArrayList<>();
            paths.forEach((path, item) -> DevnetApi.asMap(item)
                    .keySet()
                    .forEach(method -> documented.add(
                            method.toUpperCase(Locale.ROOT) + " " + new Endpoint(method, path).template())));
            for (Endpoint e : served) {
                assertThat(documented)
                        .as("%s %s of docs/api.md in the gateway's /v3/api-docs", e.method(), e.path())
                        .contains(e.method() + " " + e.template());
            }
            assertThat(paths.keySet()).noneMatch(p -> p.startsWith("/internal/"));

            Map<String, Object> components = DevnetApi.asMap(doc.get("components"));
            assertThat(DevnetApi.asMap(components.get("securitySchemes"))).containsKey("bearer");
            // the request and response records are schemas: one of each service's
            assertThat(DevnetApi.asMap(components.get("schemas")).keySet())
                    .contains("JobSpec", "JobView", "CreateTenant", "TenantCreated", "BlockView");
            assertThat(docs.body()).contains("application/json").doesNotContain("SseEmitter", "*/*");

            HttpResponse<String> ui = get(base + "/docs");
            assertThat(ui.statusCode()).isEqualTo(200);
            assertThat(ui.uri().getPath()).isEqualTo("/swagger-ui/index.html");
            assertThat(ui.body()).contains("swagger-ui");
            HttpResponse<String> initializer = get(base + "/swagger-ui/swagger-initializer.js");
            assertThat(initializer.statusCode()).isEqualTo(200);
            assertThat(initializer.body()).contains("/v3/api-docs");
            HttpResponse<String> config = get(base + "/v3/api-docs/swagger-config");
            assertThat(config.statusCode()).isEqualTo(200);
            assertThat(Json.readMap(config.body())).containsEntry("url", "/v3/api-docs");
            assertThat(get(base + "/swagger-ui/swagger-ui-bundle.js").statusCode())
                    .isEqualTo(200);

            devnet.stop("scheduler");
            HttpResponse<String> partial = get(base + "/v3/api-docs");
            assertThat(partial.statusCode()).isEqualTo(200);
            Map<String, Object> without = Json.readMap(partial.body());
            assertThat(without).containsEntry("x-dcp-missing", List.of("scheduler"));
            assertThat(String.valueOf(DevnetApi.asMap(without.get("info")).get("description")))
                    .contains("scheduler");
            assertThat(DevnetApi.asMap(without.get("paths")).keySet())
                    .contains("/api/v1/ledger/status", "/api/v1/tenants")
                    .noneMatch(p -> p.startsWith("/api/v1/jobs"));
        }
    }

    /** The endpoints docs/api.md lists in its table rows: those served, or those under the planned heading. */
    static List<Endpoint> endpoints(boolean planned) throws IOException {
        List<Endpoint> endpoints = new ArrayList<>();
        boolean inPlanned = false;
        for (String line : Files.readAllLines(API_MD)) {
            if (line.startsWith("## ")) {
                inPlanned = line.startsWith(PLANNED);
            }
            Matcher row = ROW.matcher(line);
            if (row.find() && inPlanned == planned) {
                endpoints.add(new Endpoint(row.group(1), row.group(2)));
            }
        }
        return endpoints;
    }

    static List<String> servers(Map<String, Object> doc) {
        return ((List<?>) doc.get("servers"))
                .stream()
                        .map(s -> String.valueOf(DevnetApi.asMap(s).get("url")))
                        .toList();
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
