package dev.dcp.scheduler.admission;

import dev.dcp.common.auth.AdminCredential;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.common.web.ProblemException;
import dev.dcp.scheduler.SchedulerProperties;
import java.util.Map;
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
                    throw ProblemException.relayed(
                            response.getStatusCode().value(),
                            response.getBody().readAllBytes(),
                            response.getHeaders().getFirst("Retry-After"));
                })
                .toBodilessEntity();
    }
}
