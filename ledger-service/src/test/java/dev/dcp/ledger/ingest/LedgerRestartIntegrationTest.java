package dev.dcp.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import dev.dcp.common.kafka.KafkaClients;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.ledger.LedgerApplication;
import dev.dcp.testkit.EmbeddedPostgresServer;
import dev.dcp.testkit.Eventually;
import dev.dcp.testkit.ServiceTestSupport;
import dev.dcp.testkit.SharedInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/** A replica stopped while transactions keep arriving resumes from its last block: no gap, no duplicate. */
class LedgerRestartIntegrationTest {

    static final Ed25519.KeyPair SENDER = Ed25519.generate();

    @Test
    void aReplicaStoppedMidStreamResumesFromTheOffsetStoredWithItsLastBlock() throws Exception {
        List<Transaction> sent = new CopyOnWriteArrayList<>();
        Thread producer = new Thread(() -> produce(sent, 400), "restart-test-producer");
        ConfigurableApplicationContext replica = start();
        producer.start();
        JdbcTemplate first = replica.getBean(JdbcTemplate.class);
        Eventually.await(
                "some blocks committed",
                Duration.ofSeconds(30),
                () -> first.queryForObject(
                                "select count(*) from transactions where sender = ?", Long.class, SENDER.publicKeyHex())
                        >= 100);
        replica.close(); // transactions keep arriving while it is down
        long committedBefore = committedCount();
        replica = start();
        producer.join();
        try {
            JdbcTemplate again = replica.getBean(JdbcTemplate.class);
            Eventually.await(
                    "all 400 committed after the restart",
                    Duration.ofSeconds(60),
                    () -> again.queryForObject(
                                    "select count(*) from transactions where sender = ?",
                                    Long.class,
                                    SENDER.publicKeyHex())
                            >= 400);
            List<String> ids = again.queryForList(
                    "select t.id from transactions t join blocks b on b.height = "
                            + "t.block_height where t.sender = ? order by b.height, t.idx",
                    String.class,
                    SENDER.publicKeyHex());
            assertThat(ids)
                    .as("every transaction exactly once, in the order sent")
                    .containsExactlyElementsOf(
                            sent.stream().map(Transaction::id).toList());
            List<Long> heights = again.queryForList("select height from blocks order by height", Long.class);
            for (int i = 0; i < heights.size(); i++) {
                assertThat(heights.get(i)).isEqualTo(i);
            }
            assertThat(committedBefore).isLessThan(400);
            String url = "http://localhost:"
                    + ((WebServerApplicationContext) replica).getWebServer().getPort();
            Map<String, Object> verify = Json.readMap(RestClient.create(url)
                    .get()
                    .uri("/api/v1/ledger/verify")
                    .header(ServiceCredential.HEADER, ServiceTestSupport.credential(Caller.admin()))
                    .retrieve()
                    .body(String.class));
            assertThat(verify).containsEntry("valid", true);
        } finally {
            replica.close();
        }
    }

    private static long committedCount() {
        EmbeddedPostgresServer pg = SharedInfrastructure.postgres();
        try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl("ledger_restart"), pg.username(), pg.password());
                var rs = c.createStatement().executeQuery("select count(*) from transactions")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void produce(List<Transaction> sent, int count) {
        try (KafkaProducer<String, String> producer =
                KafkaClients.producer(SharedInfrastructure.kafka().bootstrapServers(), "restart-test")) {
            long nonce = System.currentTimeMillis() * 1000;
            for (int i = 0; i < count; i++) {
                Transaction tx = Transaction.sign(
                        "DEPOSIT",
                        Map.of("account", "acct-" + i, "amount", 1 + i),
                        SENDER,
                        ++nonce,
                        System.currentTimeMillis());
                producer.send(new ProducerRecord<>(Topics.LEDGER_TX, null, tx.canonicalJson()))
                        .get();
                sent.add(tx);
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConfigurableApplicationContext start() {
        EmbeddedPostgresServer pg = SharedInfrastructure.postgres();
        String schema = "ledger_restart";
        return new SpringApplicationBuilder(LedgerApplication.class)
                .registerShutdownHook(false)
                .run(
                        "--spring.config.name=ledger",
                        "--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--spring.kafka.bootstrap-servers="
                                + SharedInfrastructure.kafka().bootstrapServers(),
                        "--spring.datasource.url=" + pg.jdbcUrl(schema),
                        "--spring.datasource.username=" + pg.username(),
                        "--spring.datasource.password=" + pg.password(),
                        "--spring.flyway.schemas=" + schema,
                        "--spring.flyway.default-schema=" + schema,
                        "--dcp.internal.secret=" + ServiceTestSupport.INTERNAL_SECRET,
                        "--dcp.ledger.max-transactions=7",
                        "--dcp.ledger.max-latency=30ms",
                        "--dcp.ledger.validator-id=restarted",
                        "--dcp.ledger.validator-key=" + Hashes.hex(KEY.privateKey()),
                        "--dcp.ledger.trusted-senders=" + SENDER.publicKeyHex());
    }

    static final Ed25519.KeyPair KEY = Ed25519.generate();
}
