package dev.dcp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.gateway.support.StubService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The web console: public files under /console/, with a policy that lets them load only themselves. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=gateway",
            "dcp.gateway.admin-key=admin-key-for-the-console-test",
            "dcp.gateway.internal-secret=console-test-internal-secret"
        })
class GatewayConsoleTest {

    static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

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

    final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Test
    void theConsoleWithoutItsSlashRedirectsIntoTheFolder() throws Exception {
        HttpResponse<String> response = get("/console");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/console/");
    }

    @Test
    void theConsolePageIsServedWithoutAKeyUnderItsOwnPolicy() throws Exception {
        HttpResponse<String> response = get("/console/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(CONSOLE_POLICY);
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.body()).contains("<script type=\"module\" src=\"js/main.js\"></script>");
        assertThat(services.seen()).as("nothing is forwarded").isEmpty();
    }

    @Test
    void theConsolesModulesAndStylesAreServedAsWhatTheyAre() throws Exception {
        HttpResponse<String> script = get("/console/js/main.js");
        HttpResponse<String> style = get("/console/console.css");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(script.headers().firstValue("Content-Security-Policy")).hasValue(CONSOLE_POLICY);
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(style.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    }

    @Test
    void theConsolePageHasNoInlineScriptOrStyleThatItsPolicyWouldBlock() throws Exception {
        String page = get("/console/").body();

        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>")
                        .matcher(page)
                        .find())
                .as("an inline script")
                .isFalse();
        assertThat(page).doesNotContain("<style", " style=", "onclick=", "onload=", "javascript:");
    }

    @Test
    void theApiBesideTheConsoleStillWantsAKey() throws Exception {
        HttpResponse<String> response = get("/api/v1/kinds");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
