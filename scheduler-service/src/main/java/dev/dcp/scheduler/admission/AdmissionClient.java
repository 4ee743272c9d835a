package dev.dcp.scheduler.admission;

import dev.dcp.common.auth.AdminCredential;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.common.json.Json;
import dev.dcp.common.web.ProblemException;
import dev.dcp.scheduler.SchedulerProperties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Asks contract-service to admit a job (quotas, balance, escrow) before anything of it is stored; a refusal is
 * passed on as is, with its field errors and Retry-After.
 */
@Component
public class AdmissionClient {

    private final RestClient http;

    AdmissionClient(RestClient.Builder builder, SchedulerProperties properties, ServiceCredential credential) {
        this.http = builder.baseUrl(properties.contractUrl())
                .requestInterceptor(new AdminCredential(credential))
                .build();
    }

    public void admit(String jobId, String tenantId, long maxCredits, int subtasks) {
        http.post()
                .uri("/internal/admissions")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("jobId", jobId, "tenantId", tenantId, "maxCredits", maxCredits, "subtasks", subtasks))
                .retrieve()
                .onStatus(status -> status.is4xxClientError(), (request, response) -> {
                    Map<String, Object> problem =
                            Json.readMap(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
                    HttpStatus status =
                            HttpStatus.valueOf(response.getStatusCode().value());
                    String retryAfter = response.getHeaders().getFirst("Retry-After");
                    throw new ProblemException(
                            status,
                            String.valueOf(problem.getOrDefault("title", "Refused")),
                            String.valueOf(problem.getOrDefault("detail", "admission refused")),
                            errors(problem),
                            retryAfter == null ? null : Long.valueOf(retryAfter.strip()));
                })
                .toBodilessEntity();
    }

    @SuppressWarnings("unchecked")
    private static List<ProblemException.FieldError> errors(Map<String, Object> problem) {
        if (!(problem.get("errors") instanceof List<?> list)) {
            return List.of();
        }
        return list.stream()
                .filter(Map.class::isInstance)
                .map(e -> (Map<String, Object>) e)
                .map(e -> new ProblemException.FieldError(
                        String.valueOf(e.get("field")), String.valueOf(e.get("message"))))
                .toList();
    }
}
