package dev.dcp.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.json.CanonicalJson;
import dev.dcp.common.json.Json;
import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.common.ledger.MerkleTree;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.testkit.Eventually;
import dev.dcp.testkit.GatewayCalls;
import dev.dcp.testkit.GatewayCalls.Reply;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walkthrough against the whole devnet started in this JVM: real PostgreSQL, real Kafka, every
 * service and three workers, driven only through the gateway's public API. Then a restart keeps it all.
 */
class DevnetEndToEndTest {

    static final String ADMIN_KEY = "dcp_admin_end_to_end_test_key";

    @TempDir
    Path state;

    final GatewayCalls gateway = new GatewayCalls();
    final HttpClient client = gateway.client();

    @Test
    void aPrimesJobRunsThroughEveryServiceAndTheChainRecordsItAcrossARestart() throws Exception {
        String tenantId;
        String tenantKey;
        String jobId;
        long height;
        long cost;
        String hashAtHeight;
        try (Devnet devnet = Devnet.start(new DevnetConfig(state, 0, 3, ADMIN_KEY, false))) {
            String base = devnet.gatewayUrl();

            Reply tenant =
                    call(base, "POST", "/api/v1/tenants", ADMIN_KEY, Map.of("name", "alice", "role", "consumer"));
            assertThat(tenant.status()).isEqualTo(201);
            tenantId = (String) tenant.body().get("id");
            tenantKey = (String) tenant.body().get("apiKey");

            Reply deposit = call(
                    base,
                    "POST",
                    "/api/v1/tenants/" + tenantId + "/deposits",
                    ADMIN_KEY,
                    Map.of("amount", 100_000_000));
            assertThat(deposit.status()).isEqualTo(201);
            assertThat(deposit.body()).containsEntry("balance", 100_000_000);

            Reply submitted = call(
                    base,
                    "POST",
                    "/api/v1/jobs",
                    tenantKey,
                    Map.of(
                            "kind",
                            "primes",
                            "input",
                            Map.of("from", 0, "to", 100_000_000),
                            "parallelism",
                            8,
                            "maxCredits",
                            5_000_000));
            assertThat(submitted.status()).isEqualTo(202);
            jobId = (String) submitted.body().get("id");
            assertThat(submitted.raw().headers().firstValue("Location")).hasValue("/api/v1/jobs/" + jobId);

            Map<String, Object> job = Eventually.await("the job to complete", Duration.ofSeconds(60), () -> {
                Map<String, Object> j = call(base, "GET", "/api/v1/jobs/" + jobId, tenantKey, null)
                        .body();
                assertThat(j.get("status")).isIn("QUEUED", "RUNNING", "COMPLETED");
                return "COMPLETED".equals(j.get("status")) ? j : null;
            });
            assertThat(job.get("result")).isEqualTo(Map.of("count", 5_761_455));
            assertThat(job.get("resultHash"))
                    .isEqualTo(Hashes.sha256Hex(CanonicalJson.bytes(Map.of("count", 5_761_455))));
            assertThat(job.get("progress")).isEqualTo(Map.of("subtasks", 8, "accepted", 8));
            cost = ((Number) job.get("cost")).longValue();
            assertThat(cost).as("the workers were paid").isPositive().isLessThanOrEqualTo(5_000_000);

            List<Map<String, Object>> chain =
                    Eventually.await("the job's transactions on the chain", Duration.ofSeconds(30), () -> {
                        List<Map<String, Object>> blocks = blocks(base, tenantKey);
                        List<String> facts = blocks.stream()
                                .flatMap(b -> transactions(b).stream())
                                .filter(t -> tenantId.equals(t.payload().get("account"))
                                        || jobId.equals(t.payload().get("job")))
                                .map(Transaction::type)
                                .toList();
                        return facts.containsAll(List.of("TENANT_CREATED", "DEPOSIT", "JOB_SUBMITTED", "JOB_COMPLETED"))
                                ? blocks
                                : null;
                    });
            assertChainHolds(chain);
            Transaction completed = chain.stream()
                    .flatMap(b -> transactions(b).stream())
                    .filter(t -> t.type().equals("JOB_COMPLETED")
                            && jobId.equals(t.payload().get("job")))
                    .findFirst()
                    .orElseThrow();
            assertThat(completed.payload().get("resultHash")).isEqualTo(job.get("resultHash"));

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> workers =
                    (List<Map<String, Object>>) Eventually.await("three workers", Duration.ofSeconds(20), () -> {
                        List<?> items = (List<?>) call(base, "GET", "/api/v1/workers", tenantKey, null)
                                .body()
                                .get("items");
                        return items.size() == 3 ? items : null;
                    });
            assertThat(workers).allSatisfy(w -> assertThat(w).containsEntry("status", "ONLINE"));

            Map<String, Object> status =
                    call(base, "GET", "/api/v1/ledger/status", tenantKey, null).body();
            height = ((Number) status.get("height")).longValue();
            hashAtHeight = (String) status.get("lastHash");
            assertThat(call(base, "GET", "/api/v1/jobs", "dcp_wrong", null).status())
                    .isEqualTo(401);
        }

        try (Devnet again = Devnet.start(new DevnetConfig(state, 0, 1, ADMIN_KEY, false))) {
            String base = again.gatewayUrl();
            Map<String, Object> me =
                    call(base, "GET", "/api/v1/accounts/me", tenantKey, null).body();
            assertThat(me).containsEntry("id", tenantId).containsEntry("escrowed", 0);
            assertThat(((Number) me.get("balance")).longValue()).isEqualTo(100_000_000 - cost);
            Map<String, Object> job =
                    call(base, "GET", "/api/v1/jobs/" + jobId, tenantKey, null).body();
            assertThat(job).containsEntry("status", "COMPLETED");
            assertThat(((Number) job.get("cost")).longValue()).isEqualTo(cost);
            assertThat(job.get("result")).isEqualTo(Map.of("count", 5_761_455));
            Map<String, Object> block = call(base, "GET", "/api/v1/ledger/blocks/" + height, tenantKey, null)
                    .body();
            assertThat(block.get("hash")).isEqualTo(hashAtHeight);
            assertChainHolds(blocks(base, tenantKey));
        }
    }

    private void assertChainHolds(List<Map<String, Object>> chain) {
        String prev = BlockHeader.GENESIS_PREV_HASH;
        for (Map<String, Object> b : chain) {
            BlockHeader h = new BlockHeader(
                    num(b, "height"),
                    (String) b.get("prevHash"),
                    (String) b.get("merkleRoot"),
                    num(b, "timestamp"),
                    (int) num(b, "txCount"),
                    (String) b.get("proposer"),
                    (String) b.get("consensus"),
                    (int) num(b, "difficulty"),
                    num(b, "nonce"));
            assertThat(h.prevHash()).isEqualTo(prev);
            assertThat(b.get("hash")).isEqualTo(h.hash());
            List<Transaction> txs = transactions(b);
            assertThat(h.merkleRoot())
                    .isEqualTo(
                            MerkleTree.rootHex(txs.stream().map(Transaction::id).toList()));
            assertThat(txs).allMatch(Transaction::isAuthentic);
            @SuppressWarnings("unchecked")
            List<BlockSignature> sigs = ((List<Object>) b.get("signatures"))
                    .stream()
                            .map(s -> Json.MAPPER.convertValue(s, BlockSignature.class))
                            .toList();
            if (h.height() > 0) { // genesis is identical on every replica and carries no signature
                assertThat(sigs).isNotEmpty().allMatch(s -> s.verifies(h.hash()));
            }
            prev = h.hash();
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> blocks(String base, String key) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Map<String, Object>> items =
                (List<Map<String, Object>>) call(base, "GET", "/api/v1/ledger/blocks?limit=500", key, null)
                        .body()
                        .get("items");
        for (Map<String, Object> item : items) {
            out.add(call(base, "GET", "/api/v1/ledger/blocks/" + num(item, "height"), key, null)
                    .body());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Transaction> transactions(Map<String, Object> block) {
        return ((List<Object>) block.get("transactions"))
                .stream()
                        .map(t -> Json.MAPPER.convertValue(t, Transaction.class))
                        .toList();
    }

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }

    private Reply call(String base, String method, String path, String key, Object body) {
        return gateway.call(base, method, path, key, body);
    }
}
