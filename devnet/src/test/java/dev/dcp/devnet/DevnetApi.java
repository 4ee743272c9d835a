package dev.dcp.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.testkit.Eventually;
import dev.dcp.testkit.GatewayCalls;
import dev.dcp.testkit.GatewayCalls.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The devnet tests' calls through the gateway, as a user's client makes them: tenants, jobs, workers, the chain. */
final class DevnetApi {

    record Tenant(String id, String key) {}

    private final String base;
    private final String adminKey;
    private final GatewayCalls gateway = new GatewayCalls();

    DevnetApi(String base, String adminKey) {
        this.base = base;
        this.adminKey = adminKey;
    }

    Reply call(String method, String path, String key, Object body) {
        return gateway.call(base, method, path, key, body);
    }

    /** A new tenant of that role, with a deposit unless it is zero. */
    Tenant tenant(String name, String role, long deposit) {
        Reply created = call("POST", "/api/v1/tenants", adminKey, Map.of("name", name, "role", role));
        assertThat(created.status()).isEqualTo(201);
        String id = (String) created.body().get("id");
        if (deposit > 0) {
            assertThat(call("POST", "/api/v1/tenants/" + id + "/deposits", adminKey, Map.of("amount", deposit))
                            .status())
                    .isEqualTo(201);
        }
        return new Tenant(id, (String) created.body().get("apiKey"));
    }

    String submit(Tenant t, Map<String, Object> spec) {
        Reply r = call("POST", "/api/v1/jobs", t.key(), spec);
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(202);
        return (String) r.body().get("id");
    }

    Map<String, Object> awaitEnd(Tenant t, String job) {
        return Eventually.await("job " + job + " ended", Duration.ofSeconds(120), () -> {
            Map<String, Object> j =
                    call("GET", "/api/v1/jobs/" + job, t.key(), null).body();
            return List.of("COMPLETED", "FAILED", "CANCELLED").contains(j.get("status")) ? j : null;
        });
    }

    List<Map<String, Object>> workers() {
        List<Map<String, Object>> items = new ArrayList<>();
        ((List<?>) call("GET", "/api/v1/workers", adminKey, null).body().get("items"))
                .forEach(i -> items.add(asMap(i)));
        return items;
    }

    /** Waits until at least {@code n} workers are online and eligible for work (enrolled, their provider staked). */
    void awaitEligibleWorkers(int n, Duration timeout) {
        Eventually.await(
                n + " enrolled workers online",
                timeout,
                () -> workers().stream()
                                        .filter(w -> "ONLINE".equals(w.get("status"))
                                                && Boolean.TRUE.equals(w.get("eligible")))
                                        .count()
                                >= n
                        ? true
                        : null);
    }

    /** Every transaction of every block, in chain order. */
    List<Map<String, Object>> chainTransactions() {
        List<Map<String, Object>> txs = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = call(
                            "GET",
                            "/api/v1/ledger/blocks?limit=500" + (cursor == null ? "&from=0" : "&cursor=" + cursor),
                            adminKey,
                            null)
                    .body();
            for (Object h : (List<?>) page.get("items")) {
                if (number(asMap(h).get("txCount")) == 0) {
                    continue;
                }
                long height = number(asMap(h).get("height"));
                Reply read = call("GET", "/api/v1/ledger/blocks/" + height, adminKey, null);
                assertThat(read.status())
                        .as("block %d: %s", height, read.body())
                        .isEqualTo(200);
                for (Object tx : (List<?>) read.body().get("transactions")) {
                    txs.add(asMap(tx));
                }
            }
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        return txs;
    }

    @SuppressWarnings("unchecked")
    /** Whether the worker has had an answer outvoted. */
    boolean rejected(String workerId) {
        return workers().stream().anyMatch(w -> workerId.equals(w.get("id")) && number(w.get("rejected")) > 0);
    }

    static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    static long number(Object o) {
        return ((Number) o).longValue();
    }
}
