package dev.dcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.testkit.Eventually;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The repository's {@code docker-compose.yml} as a user runs it: {@code docker-compose up}, a provider enrolling the
 * three workers' keys, a job through the gateway, {@code down}. Images come from the same settings as the rest of
 * the suite ({@code DCP_POSTGRES_IMAGE}, {@code DCP_KAFKA_IMAGE}, which the compose file reads too).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DockerEngine.class)
class ComposeSmokeIT {

    private static final String ADMIN_KEY = "dcp_admin_compose_smoke_key";
    private static final Pattern WORKER_KEY = Pattern.compile("DCP_WORKER_KEY:\\s*([0-9a-f]{64})");

    private final String project = "dcp-smoke-" + UUID.randomUUID().toString().substring(0, 8);
    private final long started = System.nanoTime();
    private Path composeFile;
    private int port;
    private boolean up;

    @BeforeAll
    void composeUp() throws IOException {
        DockerEngine.requireEngineAndImages();
        if (!onPath("docker-compose")) {
            if (DockerEngine.required()) {
                throw new AssertionError("DCP_E2E_REQUIRED is set but docker-compose is not on the PATH");
            }
            Assumptions.abort("compose smoke test skipped: docker-compose is not on the PATH");
        }
        composeFile = Path.of(System.getProperty("dcp.repository", "..")).resolve("docker-compose.yml");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        up = true;
        compose(Duration.ofMinutes(6), "up", "-d");
        phase("docker-compose up returned");
    }

    @AfterAll
    void composeDown() {
        if (up) {
            compose(Duration.ofMinutes(2), "down", "-v", "--remove-orphans");
        }
    }

    @Test
    void aJobRunsThroughTheComposeStack() throws IOException {
        String base = "http://127.0.0.1:" + port;
        Eventually.await("the gateway to be ready", Duration.ofMinutes(3), () -> ready(base) ? true : null);
        phase("gateway ready");
        PlatformClient client = new PlatformClient(base, ADMIN_KEY);

        String provider = client.provider("compose-provider");
        List<String> keys = workerKeys();
        assertThat(keys).as("worker keys in docker-compose.yml").hasSize(3);
        keys.forEach(
                key -> client.enrol(provider, Ed25519.fromPrivateKeyHex(key).publicKeyHex()));
        client.awaitWorkersOnline(provider, 3, Duration.ofSeconds(60));
        phase("three workers enrolled and online");

        String consumer = client.tenant("compose-consumer", "consumer");
        String id = client.submit(
                consumer,
                Map.of(
                        "kind",
                        "primes",
                        "input",
                        Map.of("from", 0, "to", 1_000_000),
                        "parallelism",
                        6,
                        "redundancy",
                        2));
        Map<String, Object> job = client.awaitEnd(consumer, id, Duration.ofSeconds(120));
        phase("job ended " + job.get("status"));

        assertThat(job.get("status")).as(String.valueOf(job.get("error"))).isEqualTo("COMPLETED");
        assertThat(job.get("result")).isEqualTo(Map.of("count", 78_498));
    }

    /** Where the smoke test's time goes, in the build's log. */
    private void phase(String what) {
        System.out.printf("compose smoke: %s after %d s%n", what, (System.nanoTime() - started) / 1_000_000_000);
    }

    private List<String> workerKeys() throws IOException {
        Matcher m = WORKER_KEY.matcher(Files.readString(composeFile));
        List<String> keys = new ArrayList<>();
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static boolean ready(String base) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs docker-compose on this project; its output goes to the test's log, and a failure fails the test. */
    private void compose(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(
                List.of("docker-compose", "--ansi", "never", "-p", project, "-f", composeFile.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DCP_GATEWAY_PORT", Integer.toString(port));
        builder.environment().put("DCP_ADMIN_KEY", ADMIN_KEY);
        // ten JVMs start at once on a CI machine: the quick-start flags docs/compose.md suggests for small machines
        builder.environment().put("DCP_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ended = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            System.out.println(String.join(" ", command) + "\n" + output);
            assertThat(ended)
                    .as("docker-compose " + arguments[0] + " within " + timeout)
                    .isTrue();
            if (process.exitValue() != 0) {
                System.out.println(logs());
            }
            assertThat(process.exitValue())
                    .as("docker-compose " + arguments[0] + ": " + output)
                    .isZero();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String logs() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        "docker-compose",
                        "--ansi",
                        "never",
                        "-p",
                        project,
                        "-f",
                        composeFile.toString(),
                        "logs",
                        "--tail",
                        "60")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
