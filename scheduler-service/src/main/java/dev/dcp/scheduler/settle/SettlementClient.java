package dev.dcp.scheduler.settle;

import dev.dcp.common.auth.AdminCredential;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.scheduler.SchedulerProperties;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** Asks contract-service to settle ended jobs; it settles each at most once, so asking again is safe. */
@Component
public class SettlementClient {

    /** One worker key's accepted answers in a job: the units they are paid for, and how many answers. */
    public record WorkLine(String workerKey, long units, int replicas) {}

    /** {@code unitsPerReferenceCpuSecond} converts the kind's units to the reference CPU-seconds prices are per. */
    public record EndedJob(
            String jobId, String tenantId, String outcome, long unitsPerReferenceCpuSecond, List<WorkLine> work) {}

    public record Settled(String jobId, long cost, long released, boolean repeated) {}

    private record Request(List<EndedJob> jobs) {}

    private record Response(List<Settled> settled) {}

    private final RestClient http;

    SettlementClient(RestClient.Builder builder, SchedulerProperties properties, ServiceCredential credential) {
        this.http = builder.baseUrl(properties.contractUrl())
                .requestInterceptor(new AdminCredential(credential))
                .build();
    }

    public List<Settled> settle(List<EndedJob> jobs) {
        Response response = http.post()
                .uri("/internal/settlements")
                .contentType(MediaType.APPLICATION_JSON)
                .body(new Request(jobs))
                .retrieve()
                .body(Response.class);
        return response == null ? List.of() : response.settled();
    }
}
