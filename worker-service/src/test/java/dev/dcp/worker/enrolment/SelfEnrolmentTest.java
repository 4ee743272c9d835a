package dev.dcp.worker.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.dcp.common.json.Json;
import dev.dcp.worker.WorkerProperties;
import dev.dcp.worker.identity.WorkerIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelfEnrolmentTest {

    private static final String WORKER_KEY = "1e20975d99ac6b08170977036dff5fd8a65a268ac12e24ef931479c1faf9e694";

    private HttpServer gateway;
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<Map<String, Object>> body = new AtomicReference<>();

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    @ParameterizedTest(name = "the gateway answering {0} means {1}")
    @CsvSource({"201, ENROLLED", "409, ENROLLED", "503, RETRY", "429, RETRY", "401, REFUSED", "422, REFUSED"})
    void theGatewaysAnswerDecidesWhetherToRetry(int status, SelfEnrolment.Outcome outcome) throws IOException {
        String url = gatewayAnswering(status);

        assertThat(enrolment(url).enrolOnce()).isEqualTo(outcome);
    }

    @Test
    void theWorkerEnrolsItsOwnPublicKeyWithItsSlotsItsStorageOfferAndPricesUnderTheProvidersKey() throws IOException {
        String url = gatewayAnswering(201);

        enrolment(url).enrolOnce();

        assertThat(authorization.get()).isEqualTo("Bearer provider-key");
        WorkerIdentity identity = identity();
        assertThat(body.get())
                .containsEntry("publicKey", identity.keys().publicKeyHex())
                .containsEntry("slots", 3)
                .containsEntry("pricePerCpuSecond", 25_000)
                .containsEntry("storageBytes", 1 << 20)
                .containsEntry("pricePerGiBDay", 70_000);
    }

    @Test
    void anUnreachableGatewayIsRetried() throws IOException {
        String url = gatewayAnswering(201);
        gateway.stop(0);
        gateway = null;

        assertThat(enrolment(url).enrolOnce()).isEqualTo(SelfEnrolment.Outcome.RETRY);
    }

    private String gatewayAnswering(int status) throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/api/v1/providers/me/workers", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            body.set(Json.readMap(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        gateway.start();
        return "http://127.0.0.1:" + gateway.getAddress().getPort() + "/";
    }

    private static SelfEnrolment enrolment(String gatewayUrl) {
        return new SelfEnrolment(properties(gatewayUrl), identity());
    }

    private static WorkerIdentity identity() {
        return new WorkerIdentity(properties(""));
    }

    private static WorkerProperties properties(String gatewayUrl) {
        return new WorkerProperties(
                null,
                WORKER_KEY,
                "unused",
                3,
                Duration.ofSeconds(1),
                1,
                Duration.ofSeconds(1),
                Duration.ofMillis(1),
                false,
                1,
                1,
                1 << 20,
                new WorkerProperties.Enrolment(gatewayUrl, "provider-key", 25_000, 70_000));
    }
}
