package dev.dcp.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.ledger.LedgerProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TransactionAdmissionTest {

    private static final TopicPartition TX = new TopicPartition("dcp.ledger.tx", 0);

    private final Ed25519.KeyPair trusted = Ed25519.generate();
    private final Ed25519.KeyPair stranger = Ed25519.generate();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TransactionAdmission admission = new TransactionAdmission(
            new LedgerProperties(
                    "solo",
                    1000,
                    Duration.ofMillis(200),
                    8,
                    "validator-0",
                    null,
                    "unused",
                    List.of(),
                    List.of(trusted.publicKeyHex()),
                    Duration.ofSeconds(10),
                    false),
            meters);

    @AfterEach
    void close() {
        admission.close();
    }

    @Test
    void aLargeBatchIsCheckedInSlicesAndComesBackInTopicOrderWithoutWhatFails() {
        List<String> values = new ArrayList<>();
        List<Long> expectedOffsets = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            if (i % 97 == 13) {
                values.add(deposit(stranger, i)); // well signed, but not by a trusted sender
            } else if (i % 89 == 7) {
                values.add(deposit(trusted, i).replace("\"amount\":" + (1 + i), "\"amount\":" + (2 + i))); // altered
            } else if (i % 83 == 5) {
                values.add("{not json");
            } else {
                values.add(deposit(trusted, i));
                expectedOffsets.add((long) i);
            }
        }

        List<Admitted> admitted = admission.admit(records(values));

        assertThat(admitted).extracting(Admitted::offset).containsExactlyElementsOf(expectedOffsets);
        assertThat(admitted).allSatisfy(a -> assertThat(a.tx().isAuthentic()).isTrue());
        assertThat(rejected("unknown-sender")).isEqualTo(countWhere(values.size(), i -> i % 97 == 13));
        assertThat(rejected("bad-signature-or-id"))
                .isEqualTo(countWhere(values.size(), i -> i % 97 != 13 && i % 89 == 7));
        assertThat(rejected("malformed"))
                .isEqualTo(countWhere(values.size(), i -> i % 97 != 13 && i % 89 != 7 && i % 83 == 5));
    }

    @Test
    void aSmallBatchIsCheckedTheSameWay() {
        List<Admitted> admitted =
                admission.admit(records(List.of(deposit(trusted, 0), deposit(stranger, 1), deposit(trusted, 2))));

        assertThat(admitted).extracting(Admitted::offset).containsExactly(0L, 2L);
    }

    private static String deposit(Ed25519.KeyPair sender, int i) {
        return Transaction.sign("DEPOSIT", Map.of("account", "acct-" + i, "amount", 1 + i), sender, i, 1_000L + i)
                .canonicalJson();
    }

    private static ConsumerRecords<String, String> records(List<String> values) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            list.add(new ConsumerRecord<>(TX.topic(), TX.partition(), i, null, values.get(i)));
        }
        return new ConsumerRecords<>(Map.of(TX, list), Map.of());
    }

    private double rejected(String reason) {
        var counter = meters.find("dcp.ledger.transactions.rejected")
                .tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static double countWhere(int n, java.util.function.IntPredicate p) {
        return java.util.stream.IntStream.range(0, n).filter(p).count();
    }
}
