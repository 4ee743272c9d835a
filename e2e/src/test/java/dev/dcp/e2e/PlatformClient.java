package dev.dcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.testkit.Eventually;
import dev.dcp.testkit.GatewayCalls;
import dev.dcp.testkit.GatewayCalls.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a user does through the gateway, as the tests need it: tenants made by the admin, a provider with its
 * stake, jobs submitted and awaited. Every call goes over the network to the gateway's published port.
 */
final class PlatformClient {

    static final long DEPOSIT = 1_000_000_000L;
    static final long STAKE = 100_000_000L;

    private final GatewayCalls gateway = new GatewayCalls();
    private final String base;
    private final String adminKey;

    PlatformClient(String base, String adminKey) {
        this.base = base;
        this.adminKey = adminKey;
    }

    Reply call(String method, String path, String key, Object body) {
        return gateway.call(base, method, path, key, body);
    }

    /** A new tenant with a deposit; its API key. */
    String tenant(String name, String role) {
        Reply tenant = call("POST", "/api/v1/tenants", adminKey, Map.of("name", name, "role", role));
        assertThat(tenant.status()).as(String.valueOf(tenant.body())).isEqualTo(201);
        Reply deposit = call(
                "POST",
                "/api/v1/tenants/" + tenant.body().get("id") + "/deposits",
                adminKey,
                Map.of("amount", DEPOSIT));
        assertThat(deposit.status()).as(String.valueOf(deposit.body())).isEqualTo(201);
        return (String) tenant.body().get("apiKey");
    }

    /** A provider tenant with its stake bonded, ready to enrol workers; its API key. */
    String provider(String name) {
        String key = tenant(name, "provider");
        Reply stake = call("POST", "/api/v1/providers/me/stake", key, Map.of("amount", STAKE, "lockDays", 30));
        assertThat(stake.status()).as(String.valueOf(stake.body())).isEqualTo(201);
        return key;
    }

    /** The provider's (new) bus login for its workers: {@code POST /api/v1/providers/me/broker-credentials}. */
    Map<String, Object> brokerCredentials(String providerKey) {
        Reply issued = call("POST", "/api/v1/providers/me/broker-credentials", providerKey, null);
        assertThat(issued.status()).as(String.valueOf(issued.body())).isEqualTo(201);
        return issued.body();
    }

    /** Enrols a worker key offering 2 GiB for shards, what the compose workers keep room for. */
    void enrol(String providerKey, String workerPublicKey) {
        Reply enrolled = call(
                "POST",
                "/api/v1/providers/me/workers",
                providerKey,
                Map.of(
                        "publicKey",
                        workerPublicKey,
                        "slots",
                        2,
                        "pricePerCpuSecond",
                        10_000,
                        "storageBytes",
                        2L << 30,
                        "pricePerGiBDay",
                        1_000_000));
        assertThat(enrolled.status()).as(String.valueOf(enrolled.body())).isIn(201, 409);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> workers(String key) {
        Reply reply = call("GET", "/api/v1/workers", key, null);
        assertThat(reply.status()).isEqualTo(200);
        return (List<Map<String, Object>>) reply.body().get("items");
    }

    void awaitWorkersOnline(String key, int count, Duration timeout) {
        Eventually.await(
                count + " workers online",
                timeout,
                () -> workers(key).stream()
                                        .filter(w -> "ONLINE".equals(w.get("status")))
                                        .count()
                                >= count
                        ? true
                        : null);
    }

    String submit(String key, Map<String, Object> spec) {
        Reply reply = call("POST", "/api/v1/jobs", key, spec);
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(202);
        return (String) reply.body().get("id");
    }

    /** The job as it is now; null while the platform cannot answer (a service restarting, say). */
    Map<String, Object> job(String key, String id) {
        try {
            Reply reply = call("GET", "/api/v1/jobs/" + id, key, null);
            return reply.status() == 200 ? reply.body() : null;
        } catch (IllegalStateException unreachable) {
            return null;
        }
    }

    Map<String, Object> awaitEnd(String key, String id, Duration timeout) {
        return Eventually.await("job " + id + " to end", timeout, () -> {
            Map<String, Object> job = job(key, id);
            return job != null && List.of("COMPLETED", "FAILED", "CANCELLED").contains(job.get("status")) ? job : null;
        });
    }

    /** Waits until the job has this many subtasks accepted, so that what the test does next happens mid-job. */
    @SuppressWarnings("unchecked")
    void awaitAccepted(String key, String id, int accepted, Duration timeout) {
        Eventually.await("job " + id + " to have " + accepted + " subtasks accepted", timeout, () -> {
            Map<String, Object> job = job(key, id);
            if (job == null) {
                return null;
            }
            assertThat(job.get("status"))
                    .as("job ended before the fault could be injected: " + job)
                    .isIn("QUEUED", "RUNNING");
            Map<String, Object> progress = (Map<String, Object>) job.get("progress");
            return ((Number) progress.get("accepted")).intValue() >= accepted ? true : null;
        });
    }
}
