package dev.dcp.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import dev.dcp.common.kafka.KafkaClients;
import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.common.ledger.MerkleTree;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.testkit.Eventually;
import dev.dcp.testkit.ServiceTestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ledger", "dcp.ledger.max-latency=50ms", "dcp.ledger.max-transactions=10"})
class LedgerIngestIntegrationTest {

    @TempDir
    static Path dataDir;

    static KafkaProducer<String, String> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestSupport.register(registry, "ledger", dataDir);
        registry.add("dcp.ledger.key-file", () -> dataDir.resolve("validator.key").toString());
    }

    @BeforeAll
    static void startProducer(@Value("${spring.kafka.bootstrap-servers}") String bootstrap) {
        producer = KafkaClients.producer(bootstrap, "ledger-test");
    }

    @AfterAll
    static void stopProducer() {
        producer.close();
    }

    @LocalServerPort
    int port;

    RestClient http;
    final Ed25519.KeyPair sender = Ed25519.generate();
    long nonce = System.currentTimeMillis() * 1000;

    @BeforeEach
    void client() {
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader(ServiceCredential.HEADER, ServiceTestSupport.credential(Caller.admin()))
                .build();
    }

    @Test
    void signedTransactionsEndUpInHashChainedSignedBlocksWithCorrectMerkleRoots() throws Exception {
        List<Transaction> sent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Transaction tx = deposit("acct-" + i, 1000 + i);
            sent.add(tx);
            publish(tx.canonicalJson());
        }
        producer.flush();
        List<Map<String, Object>> chain = Eventually.await("all 25 transactions committed", Duration.ofSeconds(30),
                () -> {
                    List<Map<String, Object>> blocks = allBlocks();
                    List<String> ids = committedIds(blocks);
                    return ids.containsAll(sent.stream().map(Transaction::id).toList()) ? blocks : null;
                });

        String prevHash = BlockHeader.GENESIS_PREV_HASH;
        for (Map<String, Object> block : chain) {
            BlockHeader header = header(block);
            assertThat(header.prevHash()).as("link of block %s", header.height()).isEqualTo(prevHash);
            assertThat(block.get("hash")).isEqualTo(header.hash());
            List<String> ids = transactions(block).stream().map(Transaction::id).toList();
            assertThat(header.merkleRoot()).isEqualTo(MerkleTree.rootHex(ids));
            assertThat(header.txCount()).isEqualTo(ids.size());
            assertThat(transactions(block)).allMatch(Transaction::isAuthentic);
            List<BlockSignature> signatures = signatures(block);
            assertThat(signatures).hasSize(1);
            assertThat(signatures.get(0).publicKey()).isEqualTo(header.proposer());
            assertThat(signatures.get(0).verifies(header.hash())).isTrue();
            prevHash = header.hash();
        }
        assertThat(chain.stream().mapToInt(b -> header(b).txCount()).max().orElseThrow())
                .as("no block exceeds max-transactions").isLessThanOrEqualTo(10);
    }

    @Test
    void forgedMalformedAndDuplicateTransactionsNeverEnterABlock() throws Exception {
        Transaction genuine = deposit("acct-genuine", 5);
        Map<String, Object> alteredPayload = new HashMap<>(genuine.payload());
        alteredPayload.put("amount", 5_000_000);
        Transaction forged = new Transaction(genuine.id(), genuine.type(), alteredPayload, genuine.sender(),
                genuine.nonce(), genuine.timestamp(), genuine.signature());
        Transaction otherKeySigned = new Transaction(genuine.id(), genuine.type(), genuine.payload(),
                Ed25519.generate().publicKeyHex(), genuine.nonce(), genuine.timestamp(), genuine.signature());
        publish(forged.canonicalJson());
        publish(otherKeySigned.canonicalJson());
        publish("{not json");
        publish(genuine.canonicalJson());
        publish(genuine.canonicalJson());
        Transaction sentinel = deposit("acct-sentinel", 1);
        publish(sentinel.canonicalJson());
        producer.flush();

        List<Map<String, Object>> chain = Eventually.await("the sentinel committed", Duration.ofSeconds(30), () -> {
            List<Map<String, Object>> blocks = allBlocks();
            return committedIds(blocks).contains(sentinel.id()) ? blocks : null;
        });
        List<Transaction> committed = chain.stream().flatMap(b -> transactions(b).stream()).toList();
        assertThat(committed.stream().filter(t -> t.id().equals(genuine.id())))
                .as("the genuine transaction, sent twice, is committed once")
                .singleElement()
                .satisfies(t -> assertThat(t.payload().get("amount")).isEqualTo(5));
        assertThat(committed).allMatch(Transaction::isAuthentic);
    }

    @Test
    void requestsWithoutTheGatewayCredentialAreRefusedWith401Problem() {
        var response = RestClient.create("http://localhost:" + port).get().uri("/api/v1/ledger/status")
                .exchange((req, res) -> Map.of("status", res.getStatusCode(),
                        "type", String.valueOf(res.getHeaders().getContentType())));
        assertThat(response.get("status")).isEqualTo(HttpStatusCode.valueOf(401));
        assertThat(response.get("type")).isEqualTo("application/problem+json");
    }

    @Test
    void statusReportsTheTipAndTheSoloValidator() {
        Map<String, Object> status = Json.readMap(http.get().uri("/api/v1/ledger/status").retrieve().body(String.class));
        assertThat(status.get("consensus")).isEqualTo("solo");
        assertThat(((Number) status.get("height")).longValue()).isGreaterThanOrEqualTo(0);
        assertThat((List<?>) status.get("validators")).hasSize(1);
    }

    @Test
    void healthProbesAndPrometheusMetricsAreServedWithoutCredential() {
        RestClient plain = RestClient.create("http://localhost:" + port);
        assertThat(plain.get().uri("/actuator/health/liveness").retrieve().body(String.class)).contains("\"UP\"");
        assertThat(plain.get().uri("/actuator/health/readiness").retrieve().body(String.class)).contains("\"UP\"");
        assertThat(plain.get().uri("/actuator/prometheus").retrieve().body(String.class))
                .contains("dcp_ledger_height", "dcp_ledger_transactions_committed_total");
    }

    private Transaction deposit(String account, long amount) {
        return Transaction.sign("DEPOSIT", Map.of("account", account, "amount", amount), sender, ++nonce,
                System.currentTimeMillis());
    }

    private void publish(String json) throws Exception {
        producer.send(new ProducerRecord<>(Topics.LEDGER_TX, null, json)).get();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> allBlocks() {
        List<Map<String, Object>> blocks = new ArrayList<>();
        Map<String, Object> page = Json.readMap(http.get().uri("/api/v1/ledger/blocks?limit=500").retrieve()
                .body(String.class));
        for (Map<String, Object> item : (List<Map<String, Object>>) page.get("items")) {
            long h = ((Number) item.get("height")).longValue();
            blocks.add(Json.readMap(http.get().uri("/api/v1/ledger/blocks/{h}", h).retrieve().body(String.class)));
        }
        return blocks;
    }

    private static List<String> committedIds(List<Map<String, Object>> blocks) {
        return blocks.stream().flatMap(b -> transactions(b).stream()).map(Transaction::id).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Transaction> transactions(Map<String, Object> block) {
        return ((List<Object>) block.get("transactions")).stream()
                .map(t -> Json.MAPPER.convertValue(t, Transaction.class)).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<BlockSignature> signatures(Map<String, Object> block) {
        return ((List<Object>) block.get("signatures")).stream()
                .map(t -> Json.MAPPER.convertValue(t, BlockSignature.class)).toList();
    }

    private static BlockHeader header(Map<String, Object> b) {
        return new BlockHeader(num(b, "height"), (String) b.get("prevHash"), (String) b.get("merkleRoot"),
                num(b, "timestamp"), (int) num(b, "txCount"), (String) b.get("proposer"), (String) b.get("consensus"),
                (int) num(b, "difficulty"), num(b, "nonce"));
    }

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }
}
