package dev.dcp.worker.enrolment;

import dev.dcp.common.json.Json;
import dev.dcp.worker.WorkerProperties;
import dev.dcp.worker.identity.WorkerIdentity;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Enrols this worker's key with its provider through the gateway when {@code dcp.worker.enrolment.gateway-url} is
 * set: how a worker started by an autoscaler, with a key it generated itself, gets work. Until the enrolment is
 * through, the scheduler's answers from this worker would be refused, so it retries while the gateway is
 * unreachable or failing (it may start before the gateway), and stops with an error on a refusal that retrying
 * cannot change (a wrong key, a provider without stake).
 */
@Component
class SelfEnrolment {

    private static final Logger log = LoggerFactory.getLogger(SelfEnrolment.class);

    private final WorkerProperties properties;
    private final WorkerIdentity identity;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SelfEnrolment(WorkerProperties properties, WorkerIdentity identity) {
        this.properties = properties;
        this.identity = identity;
    }

    @EventListener(ApplicationReadyEvent.class)
    void enrolInBackground() {
        if (properties.enrolment() == null || !properties.enrolment().enabled()) {
            return;
        }
        Thread thread = new Thread(this::enrolUntilSettled, "self-enrolment");
        thread.setDaemon(true);
        thread.start();
    }

    private void enrolUntilSettled() {
        Duration pause = Duration.ofSeconds(1);
        while (!Thread.currentThread().isInterrupted()) {
            Outcome outcome = enrolOnce();
            if (outcome != Outcome.RETRY) {
                return;
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                    ? Duration.ofSeconds(30)
                    : pause.multipliedBy(2);
        }
    }

    enum Outcome {
        ENROLLED,
        REFUSED,
        RETRY
    }

    Outcome enrolOnce() {
        WorkerProperties.Enrolment enrolment = properties.enrolment();
        String body = Json.write(Map.of(
                "publicKey",
                identity.keys().publicKeyHex(),
                "slots",
                properties.slots(),
                "pricePerCpuSecond",
                enrolment.pricePerCpuSecond(),
                "storageBytes",
                properties.storageBytes(),
                "pricePerGiBDay",
                enrolment.pricePerGiBDay()));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(enrolment.gatewayUrl().replaceAll("/+$", "") + "/api/v1/providers/me/workers"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + enrolment.providerKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 201 || status == 409) {
                log.info(
                        "worker {} enrolled with its provider ({})",
                        identity.id(),
                        status == 201 ? "new enrolment" : "enrolled before");
                return Outcome.ENROLLED;
            }
            if (status >= 500 || status == 429) {
                log.warn("enrolment of worker {} answered {}; retrying", identity.id(), status);
                return Outcome.RETRY;
            }
            log.error(
                    "enrolment of worker {} refused with {}: {} (this worker will get no work)",
                    identity.id(),
                    status,
                    response.body());
            return Outcome.REFUSED;
        } catch (IOException e) {
            log.warn("enrolment of worker {}: gateway unreachable ({}); retrying", identity.id(), e.toString());
            return Outcome.RETRY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.REFUSED;
        }
    }
}
