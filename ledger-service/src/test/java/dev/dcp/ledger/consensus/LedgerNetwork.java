package dev.dcp.ledger.consensus;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.ledger.LedgerApplication;
import dev.dcp.testkit.EmbeddedPostgresServer;
import dev.dcp.testkit.ServiceTestSupport;
import dev.dcp.testkit.SharedInfrastructure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several ledger replicas in this JVM, each its own Spring application with its own key and schema, on the shared
 * PostgreSQL and Kafka: a validator network for consensus tests, built like Besu's multi-node tests.
 */
final class LedgerNetwork implements AutoCloseable {

    private final List<ConfigurableApplicationContext> replicas;
    private final List<Ed25519.KeyPair> keys;

    private LedgerNetwork(List<ConfigurableApplicationContext> replicas, List<Ed25519.KeyPair> keys) {
        this.replicas = replicas;
        this.keys = keys;
    }

    static Builder builder() {
        return new Builder();
    }

    int size() {
        return replicas.size();
    }

    String url(int replica) {
        return "http://localhost:"
                + ((WebServerApplicationContext) replicas.get(replica))
                        .getWebServer()
                        .getPort();
    }

    String publicKey(int replica) {
        return keys.get(replica).publicKeyHex();
    }

    @Override
    public void close() {
        replicas.forEach(ConfigurableApplicationContext::close);
    }

    static final class Builder {

        private String name = "net";
        private String consensus = "bft";
        private int validators = 4;
        private final Set<Integer> byzantine = new HashSet<>();
        private final Map<Integer, Long> stakes = new LinkedHashMap<>();
        private int difficulty = 8;
        private String trustedSender;

        Builder name(String name) {
            this.name = name;
            return this;
        }

        Builder consensus(String consensus) {
            this.consensus = consensus;
            return this;
        }

        Builder validators(int n) {
            this.validators = n;
            return this;
        }

        /** This replica alters the first transaction of every block it cuts. */
        Builder byzantine(int replica) {
            byzantine.add(replica);
            return this;
        }

        Builder stake(int replica, long stake) {
            stakes.put(replica, stake);
            return this;
        }

        Builder difficulty(int difficulty) {
            this.difficulty = difficulty;
            return this;
        }

        Builder trustedSender(String publicKey) {
            this.trustedSender = publicKey;
            return this;
        }

        LedgerNetwork start() {
            EmbeddedPostgresServer pg = SharedInfrastructure.postgres();
            String bootstrap = SharedInfrastructure.kafka().bootstrapServers();
            SharedInfrastructure.kafka().createTopics(dev.dcp.common.event.Topics.partitions());
            List<Ed25519.KeyPair> keys = new ArrayList<>();
            for (int i = 0; i < validators; i++) {
                keys.add(Ed25519.generate());
            }
            List<ConfigurableApplicationContext> replicas = new ArrayList<>();
            for (int i = 0; i < validators; i++) {
                String schema = "ledger_" + name + "_" + i;
                List<String> args = new ArrayList<>(List.of(
                        "--spring.config.name=ledger",
                        "--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--spring.kafka.bootstrap-servers=" + bootstrap,
                        "--spring.datasource.url=" + pg.jdbcUrl(schema),
                        "--spring.datasource.username=" + pg.username(),
                        "--spring.datasource.password=" + pg.password(),
                        "--spring.datasource.hikari.maximum-pool-size=4",
                        "--spring.flyway.schemas=" + schema,
                        "--spring.flyway.default-schema=" + schema,
                        "--dcp.internal.secret=" + ServiceTestSupport.INTERNAL_SECRET,
                        "--dcp.ledger.consensus=" + consensus,
                        "--dcp.ledger.difficulty=" + difficulty,
                        "--dcp.ledger.max-transactions=5",
                        "--dcp.ledger.max-latency=50ms",
                        "--dcp.ledger.validator-id=validator-" + i,
                        "--dcp.ledger.validator-key=" + Hashes.hex(keys.get(i).privateKey()),
                        "--dcp.ledger.alter-transactions=" + byzantine.contains(i)));
                if (trustedSender != null) {
                    args.add("--dcp.ledger.trusted-senders=" + trustedSender);
                }
                for (int v = 0; v < validators; v++) {
                    args.add("--dcp.ledger.validators[" + v + "].id=validator-" + v);
                    args.add("--dcp.ledger.validators[" + v + "].public-key="
                            + keys.get(v).publicKeyHex());
                    args.add("--dcp.ledger.validators[" + v + "].stake=" + stakes.getOrDefault(v, 1L));
                    args.add("--dcp.ledger.validators[" + v + "].lock-days=30");
                }
                replicas.add(new SpringApplicationBuilder(LedgerApplication.class)
                        .registerShutdownHook(false)
                        .run(args.toArray(String[]::new)));
            }
            return new LedgerNetwork(replicas, keys);
        }
    }
}
