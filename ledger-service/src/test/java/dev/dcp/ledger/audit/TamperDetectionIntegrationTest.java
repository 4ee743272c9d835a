package dev.dcp.ledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import dev.dcp.common.kafka.KafkaClients;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.testkit.Eventually;
import dev.dcp.testkit.ServiceTestSupport;
import dev.dcp.testkit.SharedInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Changes one byte of a stored block or transaction in PostgreSQL, behind the ledger's back, and expects
 * {@code GET /api/v1/ledger/verify} to name exactly that block and what broke; then puts the byte back.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=ledger",
            "dcp.ledger.max-latency=50ms",
            "dcp.ledger.max-transactions=4",
            "dcp.ledger.validator-id=auditor"
        })
class TamperDetectionIntegrationTest {

    @TempDir
    static Path dataDir;

    static final Ed25519.KeyPair SENDER = Ed25519.generate();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestSupport.register(registry, "ledger_audit", dataDir);
        registry.add(
                "dcp.ledger.key-file", () -> dataDir.resolve("validator.key").toString());
        registry.add("dcp.ledger.trusted-senders", SENDER::publicKeyHex);
    }

    @BeforeAll
    static void aChainOfSeveralBlocks() throws Exception {
        try (KafkaProducer<String, String> producer =
                KafkaClients.producer(SharedInfrastructure.kafka().bootstrapServers(), "tamper-test")) {
            long nonce = System.currentTimeMillis() * 1000;
            for (int i = 0; i < 16; i++) {
                Transaction tx = Transaction.sign(
                        "DEPOSIT",
                        Map.of("account", "acct-" + i, "amount", 100 + i),
                        SENDER,
                        ++nonce,
                        System.currentTimeMillis());
                producer.send(new ProducerRecord<>(Topics.LEDGER_TX, null, tx.canonicalJson()))
                        .get();
            }
        }
    }

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void awaitTheChain() {
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader(ServiceCredential.HEADER, ServiceTestSupport.credential(Caller.admin()))
                .build();
        Eventually.await(
                "four blocks of our transactions",
                Duration.ofSeconds(30),
                () -> jdbc.queryForObject(
                                "select count(*) from transactions where sender = ?", Long.class, SENDER.publicKeyHex())
                        >= 16);
        assertThat(verify()).containsEntry("valid", true);
    }

    @Test
    void aChangedBlockTimestampIsCaughtAtThatBlock() {
        long h = blockWithTransactions(1);
        assertTamperedAt("blocks", "ts", "height = " + h, "ts + 1", h, "header hash mismatch");
    }

    @Test
    void aChangedMerkleRootIsCaughtAtThatBlock() {
        long h = blockWithTransactions(2);
        assertTamperedAt("blocks", "merkle_root", "height = " + h, flip("merkle_root", 5), h, "header hash mismatch");
    }

    @Test
    void aChangedStoredHashIsCaughtAtThatBlock() {
        long h = blockWithTransactions(1);
        assertTamperedAt("blocks", "hash", "height = " + h, flip("hash", 63), h, "header hash mismatch");
    }

    @Test
    void aChangedBlockSignatureIsCaughtAtThatBlock() {
        long h = blockWithTransactions(2);
        String sig = jdbc.queryForObject("select signatures from blocks where height = ?", String.class, h);
        int at = sig.indexOf("\"signature\":\"") + 20;
        char c = sig.charAt(at);
        String tampered = sig.substring(0, at) + (c == 'a' ? 'b' : 'a') + sig.substring(at + 1);
        assertTamperedAt("blocks", "signatures", "height = " + h, "'" + tampered + "'", h, "seal");
    }

    @Test
    void aChangedTransactionAmountIsCaughtAtItsBlock() {
        long h = blockWithTransactions(3);
        String id = jdbc.queryForObject(
                "select id from transactions where block_height = ? order by idx limit 1", String.class, h);
        String body = jdbc.queryForObject("select body from transactions where id = ?", String.class, id);
        String tampered = body.replaceFirst("\"amount\":(\\d)", "\"amount\":9$1");
        assertThat(tampered).isNotEqualTo(body);
        assertTamperedAt(
                "transactions", "body", "id = '" + id + "'", "'" + tampered + "'", h, "does not hash to its id");
    }

    @Test
    void aChangedTransactionSignatureIsCaughtAtItsBlock() {
        long h = blockWithTransactions(2);
        String id = jdbc.queryForObject(
                "select id from transactions where block_height = ? order by idx desc limit 1", String.class, h);
        String body = jdbc.queryForObject("select body from transactions where id = ?", String.class, id);
        int at = body.indexOf("\"signature\":\"") + 13;
        String tampered = body.substring(0, at) + (body.charAt(at) == '0' ? '1' : '0') + body.substring(at + 1);
        assertTamperedAt(
                "transactions", "body", "id = '" + id + "'", "'" + tampered + "'", h, "signature does not verify");
    }

    private void assertTamperedAt(
            String table, String column, String where, String newValueSql, long height, String reason) {
        String original =
                jdbc.queryForObject("select " + column + "::text from " + table + " where " + where, String.class);
        jdbc.update("update " + table + " set " + column + " = " + newValueSql + " where " + where);
        try {
            Map<String, Object> result = verify();
            assertThat(result).containsEntry("valid", false);
            assertThat(((Number) result.get("firstInvalidHeight")).longValue()).isEqualTo(height);
            assertThat((String) result.get("reason")).contains(reason);
        } finally {
            jdbc.update(
                    "update " + table + " set " + column + " = cast(? as " + type(table, column) + ") where " + where,
                    original);
        }
        assertThat(verify()).containsEntry("valid", true);
    }

    private String type(String table, String column) {
        return jdbc.queryForObject(
                "select format_type(atttypid, atttypmod) from pg_attribute "
                        + "where attrelid = cast(? as regclass) and attname = ?",
                String.class,
                table,
                column);
    }

    /** SQL that changes the character at {@code position} (0-based) of a hex column to a different one. */
    private static String flip(String column, int position) {
        int p = position + 1;
        return "overlay(" + column + " placing (case when substr(" + column + ", " + p + ", 1) = 'a' then 'b' "
                + "else 'a' end) from " + p + " for 1)";
    }

    /** The height of the {@code n}-th block (1-based) that holds transactions. */
    private long blockWithTransactions(int n) {
        return jdbc.queryForObject(
                "select height from blocks where tx_count > 0 order by height offset ? limit 1", Long.class, n - 1);
    }

    private Map<String, Object> verify() {
        return Json.readMap(http.get().uri("/api/v1/ledger/verify").retrieve().body(String.class));
    }
}
