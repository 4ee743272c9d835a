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
import java.nio.charset.StandardCharsets;
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

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ledger", "dcp.ledger.max-latency=50ms", "dcp.ledger.max-transactions=10"})
class LedgerIngestIntegrationTest {

    @TempDir
    static Path dataDir;

    static KafkaProducer<String, String> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestSupport.register(registry, "ledger", dataDir);
        registry.add(
                "dcp.ledger.key-file", () -> dataDir.resolve("validator.key").toString());
        registry.add("dcp.ledger.trusted-senders", SENDER::publicKeyHex);
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
    static final Ed25519.KeyPair SENDER = Ed25519.generate();
    final Ed25519.KeyPair sender = SENDER;
    static long nonce = System.currentTimeMillis() * 1000;

    @BeforeEach
    void client() {
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
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
        List<Map<String, Object>> chain =
                Eventually.await("all 25 transactions committed", Duration.ofSeconds(30), () -> {
                    List<Map<String, Object>> blocks = allBlocks();
                    List<String> ids = committedIds(blocks);
                    return ids.containsAll(sent.stream().map(Transaction::id).toList()) ? blocks : null;
                });

        String prevHash = BlockHeader.GENESIS_PREV_HASH;
        for (Map<String, Object> block : chain) {
            BlockHeader header = header(block);
            assertThat(header.prevHash())
                    .as("link of block %s", header.height())
                    .isEqualTo(prevHash);
            assertThat(block.get("hash")).isEqualTo(header.hash());
            List<String> ids = transactions(block).stream().map(Transaction::id).toList();
            assertThat(header.merkleRoot()).isEqualTo(MerkleTree.rootHex(ids));
            assertThat(header.txCount()).isEqualTo(ids.size());
            assertThat(transactions(block)).allMatch(Transaction::isAuthentic);
            List<BlockSignature> signatures = signatures(block);
            if (header.height() == 0) {
                assertThat(signatures)
                        .as("genesis is the same on every replica and carries no signature")
                        .isEmpty();
                prevHash = header.hash();
                continue;
            }
            assertThat(signatures).hasSize(1);
            assertThat(signatures.get(0).publicKey()).isEqualTo(header.proposer());
            assertThat(signatures.get(0).verifies(header.hash())).isTrue();
            prevHash = header.hash();
        }
        assertThat(chain.stream().mapToInt(b -> header(b).txCount()).max().orElseThrow())
                .as("no block exceeds max-transactions")
                .isLessThanOrEqualTo(10);
    }

    @Test
    void forgedMalformedAndDuplicateTransactionsNeverEnterABlock() throws Exception {
        Transaction genuine = deposit("acct-genuine", 5);
        Map<String, Object> alteredPayload = new HashMap<>(genuine.payload());
        alteredPayload.put("amount", 5_000_000);
        Transaction forged = new Transaction(
                genuine.id(),
                genuine.type(),
                alteredPayload,
                genuine.sender(),
                genuine.nonce(),
                genuine.timestamp(),
                genuine.signature());
        Transaction otherKeySigned = new Transaction(
                genuine.id(),
                genuine.type(),
                genuine.payload(),
                Ed25519.generate().publicKeyHex(),
                genuine.nonce(),
                genuine.timestamp(),
                genuine.signature());
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
        List<Transaction> committed =
                chain.stream().flatMap(b -> transactions(b).stream()).toList();
        assertThat(committed.stream().filter(t -> t.id().equals(genuine.id())))
                .as("the genuine transaction, sent twice, is committed once")
                .singleElement()
                .satisfies(t -> assertThat(t.payload().get("amount")).isEqualTo(5));
        assertThat(committed).allMatch(Transaction::isAuthentic);
    }

    @Test
    void transactionsFromAnUnknownSenderOrWithAMalformedMoneyPayloadNeverEnterABlock() throws Exception {
        Transaction stranger = Transaction.sign(
                "DEPOSIT", Map.of("account", "acct-x", "amount", 1), Ed25519.generate(), 1, System.currentTimeMillis());
        Transaction noAmount =
                Transaction.sign("DEPOSIT", Map.of("account", "acct-x"), sender, ++nonce, System.currentTimeMillis());
        Transaction negative = Transaction.sign(
                "PAYMENT",
                Map.of("from", "a", "to", "b", "job", "j", "amount", -5),
                sender,
                ++nonce,
                System.currentTimeMillis());
        publish(stranger.canonicalJson());
        publish(noAmount.canonicalJson());
        publish(negative.canonicalJson());
        Transaction sentinel = deposit("acct-sentinel-2", 1);
        publish(sentinel.canonicalJson());
        List<String> ids = Eventually.await("the sentinel committed", Duration.ofSeconds(30), () -> {
            List<String> committed = committedIds(allBlocks());
            return committed.contains(sentinel.id()) ? committed : null;
        });
        assertThat(ids).doesNotContain(stranger.id(), noAmount.id(), negative.id());
    }

    @Test
    void everyCommittedTransactionHasAnInclusionProofAgainstItsBlocksMerkleRoot() throws Exception {
        List<Transaction> sent = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            sent.add(deposit("acct-proof-" + i, 7));
            publish(sent.get(i).canonicalJson());
        }
        for (Transaction tx : sent) {
            Map<String, Object> found = Eventually.await("proof of " + tx.id(), Duration.ofSeconds(30), () -> {
                var r = http.get()
                        .uri("/api/v1/ledger/transactions/{id}", tx.id())
                        .exchange((req, res) -> res.getStatusCode().value() == 200
                                ? Json.readMap(new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8))
                                : null);
                return r;
            });
            @SuppressWarnings("unchecked")
            Map<String, Object> proof = (Map<String, Object>) found.get("proof");
            @SuppressWarnings("unchecked")
            List<byte[]> path = ((List<String>) proof.get("path"))
                    .stream().map(dev.dcp.common.crypto.Hashes::unhex).toList();
            long height = num(found, "blockHeight");
            BlockHeader header = header(Json.readMap(http.get()
                    .uri("/api/v1/ledger/blocks/{h}", height)
                    .retrieve()
                    .body(String.class)));
            assertThat(MerkleTree.verifyInclusion(
                            dev.dcp.common.crypto.Hashes.unhex(tx.id()),
                            (int) num(proof, "leafIndex"),
                            (int) num(proof, "treeSize"),
                            path,
                            dev.dcp.common.crypto.Hashes.unhex(header.merkleRoot())))
                    .isTrue();
            assertThat(num(found, "index")).isEqualTo(num(proof, "leafIndex"));
        }
        int status = http.get()
                .uri("/api/v1/ledger/transactions/{id}", "ab".repeat(32))
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(status).isEqualTo(404);
    }

    @Test
    void balancesAreTheReplayOfTheMoneyTransactions() throws Exception {
        String x = "acct-replay-" + System.nanoTime();
        String y = x + "-payee";
        List<Transaction> txs = List.of(
                tx("DEPOSIT", Map.of("account", x, "amount", 500)),
                tx("STAKE_BOND", Map.of("account", x, "amount", 200, "lockDays", 30)),
                tx("ESCROW_LOCK", Map.of("account", x, "job", "job-1", "amount", 100)),
                tx("PAYMENT", Map.of("from", x, "to", y, "job", "job-1", "amount", 60)),
                tx("ESCROW_RELEASE", Map.of("account", x, "job", "job-1", "amount", 40)),
                tx("STAKE_SLASH", Map.of("account", x, "amount", 20, "job", "job-1", "reason", "outvoted")),
                tx("STAKE_UNBOND", Map.of("account", x, "amount", 30)));
        for (Transaction t : txs) {
            publish(t.canonicalJson());
        }
        Map<String, Object> bx = Eventually.await("all movements of " + x, Duration.ofSeconds(30), () -> {
            Map<String, Object> b = Json.readMap(http.get()
                    .uri("/api/v1/ledger/accounts/{id}/balance", x)
                    .retrieve()
                    .body(String.class));
            return num(b, "stake") == 150 ? b : null;
        });
        // 500 - 200 (bond) - 100 (lock) + 40 (release) + 30 (unbond); escrow 100 - 60 - 40; stake 200 - 20 - 30
        assertThat(bx).containsEntry("account", x);
        assertThat(num(bx, "balance")).isEqualTo(270);
        assertThat(num(bx, "escrowed")).isZero();
        Map<String, Object> by = Json.readMap(http.get()
                .uri("/api/v1/ledger/accounts/{id}/balance", y)
                .retrieve()
                .body(String.class));
        assertThat(num(by, "balance")).isEqualTo(60);
    }

    @Test
    void requestsWithoutTheGatewayCredentialAreRefusedWith401Problem() {
        var response = RestClient.create("http://localhost:" + port)
                .get()
                .uri("/api/v1/ledger/status")
                .exchange((req, res) -> Map.of(
                        "status",
                        res.getStatusCode(),
                        "type",
                        String.valueOf(res.getHeaders().getContentType())));
        assertThat(response.get("status")).isEqualTo(HttpStatusCode.valueOf(401));
        assertThat(response.get("type")).isEqualTo("application/problem+json");
    }

    @Test
    void statusReportsTheTipAndTheSoloValidator() {
        Map<String, Object> status =
                Json.readMap(http.get().uri("/api/v1/ledger/status").retrieve().body(String.class));
        assertThat(status.get("consensus")).isEqualTo("solo");
        assertThat(((Number) status.get("height")).longValue()).isGreaterThanOrEqualTo(0);
        assertThat((List<?>) status.get("validators")).hasSize(1);
    }

    @Test
    void healthProbesAndPrometheusMetricsAreServedWithoutCredential() {
        RestClient plain = RestClient.create("http://localhost:" + port);
        assertThat(plain.get().uri("/actuator/health/liveness").retrieve().body(String.class))
                .contains("\"UP\"");
        assertThat(plain.get().uri("/actuator/health/readiness").retrieve().body(String.class))
                .contains("\"UP\"");
        assertThat(plain.get().uri("/actuator/prometheus").retrieve().body(String.class))
                .contains("dcp_ledger_height", "dcp_ledger_transactions_committed_total");
    }

    private Transaction deposit(String account, long amount) {
        return tx("DEPOSIT", Map.of("account", account, "amount", amount));
    }

    private Transaction tx(String type, Map<String, Object> payload) {
        return Transaction.sign(type, payload, sender, ++nonce, System.currentTimeMillis());
    }

    private void publish(String json) throws Exception {
        producer.send(new ProducerRecord<>(Topics.LEDGER_TX, null, json)).get();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> allBlocks() {
        List<Map<String, Object>> blocks = new ArrayList<>();
        Map<String, Object> page = Json.readMap(
                http.get().uri("/api/v1/ledger/blocks?limit=500").retrieve().body(String.class));
        for (Map<String, Object> item : (List<Map<String, Object>>) page.get("items")) {
            long h = ((Number) item.get("height")).longValue();
            blocks.add(Json.readMap(
                    http.get().uri("/api/v1/ledger/blocks/{h}", h).retrieve().body(String.class)));
        }
        return blocks;
    }

    private static List<String> committedIds(List<Map<String, Object>> blocks) {
        return blocks.stream()
                .flatMap(b -> transactions(b).stream())
                .map(Transaction::id)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Transaction> transactions(Map<String, Object> block) {
        return ((List<Object>) block.get("transactions"))
                .stream()
                        .map(t -> Json.MAPPER.convertValue(t, Transaction.class))
                        .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<BlockSignature> signatures(Map<String, Object> block) {
        return ((List<Object>) block.get("signatures"))
                .stream()
                        .map(t -> Json.MAPPER.convertValue(t, BlockSignature.class))
                        .toList();
    }

    private static BlockHeader header(Map<String, Object> b) {
        return new BlockHeader(
                num(b, "height"),
                (String) b.get("prevHash"),
                (String) b.get("merkleRoot"),
                num(b, "timestamp"),
                (int) num(b, "txCount"),
                (String) b.get("proposer"),
                (String) b.get("consensus"),
                (int) num(b, "difficulty"),
                num(b, "nonce"));
    }

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }
}
