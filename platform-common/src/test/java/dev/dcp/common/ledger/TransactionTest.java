package dev.dcp.common.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransactionTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Ed25519.KeyPair KEYS = Ed25519.generate();
    private static final long NONCE = 1_700_000_000_000_123L;
    private static final long TIMESTAMP = 1_700_000_000_000L;

    private static Map<String, Object> payload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("to", "bob");
        payload.put("amount", 5);
        return payload;
    }

    private static String sha256Hex(String s) throws Exception {
        return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static Transaction deposit() {
        return Transaction.sign("DEPOSIT", payload(), KEYS, NONCE, TIMESTAMP);
    }

    @Test
    void idIsSha256OfCanonicalJsonOfTheFiveContentFields() throws Exception {
        Transaction tx = deposit();

        String canonical = "{\"nonce\":1700000000000123,"
                + "\"payload\":{\"amount\":5,\"to\":\"bob\"},"
                + "\"sender\":\"" + KEYS.publicKeyHex() + "\","
                + "\"timestamp\":1700000000000,"
                + "\"type\":\"DEPOSIT\"}";
        assertThat(tx.id()).isEqualTo(sha256Hex(canonical));
        assertThat(tx.expectedId()).isEqualTo(tx.id());
        assertThat(Transaction.computeId("DEPOSIT", payload(), KEYS.publicKeyHex(), NONCE, TIMESTAMP))
                .isEqualTo(tx.id());
    }

    @Test
    void signedTransactionCarriesItsContentAndTheSendersKey() {
        Transaction tx = deposit();

        assertThat(tx.type()).isEqualTo("DEPOSIT");
        assertThat(tx.payload()).isEqualTo(payload());
        assertThat(tx.sender()).isEqualTo(KEYS.publicKeyHex());
        assertThat(tx.nonce()).isEqualTo(NONCE);
        assertThat(tx.timestamp()).isEqualTo(TIMESTAMP);
    }

    @Test
    void signatureIsEd25519OverTheRawIdBytes() {
        Transaction tx = deposit();

        assertThat(Ed25519.verify(KEYS.publicKey(), HEX.parseHex(tx.id()), HEX.parseHex(tx.signature())))
                .isTrue();
        assertThat(tx.signature()).isEqualTo(KEYS.signHex(HEX.parseHex(tx.id())));
    }

    @Test
    void signedTransactionIsAuthentic() {
        Transaction tx = deposit();

        assertThat(tx.hasValidId()).isTrue();
        assertThat(tx.hasValidSignature()).isTrue();
        assertThat(tx.isAuthentic()).isTrue();
    }

    @Test
    void alteredPayloadBreaksTheId() {
        Transaction tx = deposit();
        Map<String, Object> richer = payload();
        richer.put("amount", 500);

        Transaction altered =
                new Transaction(tx.id(), tx.type(), richer, tx.sender(), tx.nonce(), tx.timestamp(), tx.signature());

        assertThat(altered.hasValidId()).isFalse();
        assertThat(altered.isAuthentic()).isFalse();
    }

    @Test
    void alteredNonceBreaksTheId() {
        Transaction tx = deposit();

        Transaction altered = new Transaction(
                tx.id(), tx.type(), tx.payload(), tx.sender(), tx.nonce() + 1, tx.timestamp(), tx.signature());

        assertThat(altered.hasValidId()).isFalse();
        assertThat(altered.isAuthentic()).isFalse();
    }

    @Test
    void alteredTimestampBreaksTheId() {
        Transaction tx = deposit();

        Transaction altered = new Transaction(
                tx.id(), tx.type(), tx.payload(), tx.sender(), tx.nonce(), tx.timestamp() - 1, tx.signature());

        assertThat(altered.hasValidId()).isFalse();
        assertThat(altered.isAuthentic()).isFalse();
    }

    @Test
    void alteredTypeBreaksTheId() {
        Transaction tx = deposit();

        Transaction altered = new Transaction(
                tx.id(), "PAYMENT", tx.payload(), tx.sender(), tx.nonce(), tx.timestamp(), tx.signature());

        assertThat(altered.hasValidId()).isFalse();
        assertThat(altered.isAuthentic()).isFalse();
    }

    @Test
    void recomputedIdWithoutTheSendersKeyFailsTheSignature() {
        Transaction tx = deposit();
        Map<String, Object> richer = payload();
        richer.put("amount", 500);
        String forgedId = Transaction.computeId(tx.type(), richer, tx.sender(), tx.nonce(), tx.timestamp());

        Transaction forged =
                new Transaction(forgedId, tx.type(), richer, tx.sender(), tx.nonce(), tx.timestamp(), tx.signature());

        assertThat(forged.hasValidId()).isTrue();
        assertThat(forged.hasValidSignature()).isFalse();
        assertThat(forged.isAuthentic()).isFalse();
    }

    @Test
    void anotherTransactionsSignatureBreaksTheSignature() {
        Transaction tx = deposit();
        Transaction other = Transaction.sign("DEPOSIT", payload(), KEYS, NONCE + 1, TIMESTAMP);

        Transaction swapped = new Transaction(
                tx.id(), tx.type(), tx.payload(), tx.sender(), tx.nonce(), tx.timestamp(), other.signature());

        assertThat(swapped.hasValidId()).isTrue();
        assertThat(swapped.hasValidSignature()).isFalse();
        assertThat(swapped.isAuthentic()).isFalse();
    }

    @Test
    void anotherSendersSignatureOverTheSameContentBreaksTheSignature() {
        Transaction tx = deposit();
        Ed25519.KeyPair mallory = Ed25519.generate();

        Transaction swapped = new Transaction(
                tx.id(),
                tx.type(),
                tx.payload(),
                tx.sender(),
                tx.nonce(),
                tx.timestamp(),
                mallory.signHex(HEX.parseHex(tx.id())));

        assertThat(swapped.hasValidSignature()).isFalse();
        assertThat(swapped.isAuthentic()).isFalse();
    }

    @Test
    void claimingAnotherSenderBreaksTheId() {
        Transaction tx = deposit();

        Transaction claimed = new Transaction(
                tx.id(),
                tx.type(),
                tx.payload(),
                Ed25519.generate().publicKeyHex(),
                tx.nonce(),
                tx.timestamp(),
                tx.signature());

        assertThat(claimed.hasValidId()).isFalse();
        assertThat(claimed.isAuthentic()).isFalse();
    }

    @Test
    void malformedTransactionsAreNotAuthentic() {
        Transaction tx = deposit();

        assertThat(new Transaction(
                                null, tx.type(), tx.payload(), tx.sender(), tx.nonce(), tx.timestamp(), tx.signature())
                        .isAuthentic())
                .isFalse();
        assertThat(new Transaction(tx.id(), tx.type(), tx.payload(), tx.sender(), tx.nonce(), tx.timestamp(), null)
                        .isAuthentic())
                .isFalse();
        assertThat(new Transaction(tx.id(), tx.type(), tx.payload(), tx.sender(), tx.nonce(), tx.timestamp(), "not hex")
                        .isAuthentic())
                .isFalse();
    }

    @Test
    void onTheWireATransactionHasExactlyTheSevenFieldsOfTheFormat() {
        Map<String, Object> wire = Json.readMap(deposit().canonicalJson());

        assertThat(wire.keySet())
                .containsExactlyInAnyOrder("id", "type", "payload", "sender", "nonce", "timestamp", "signature");
    }

    @Test
    void canonicalJsonReadsBackAsTheSameAuthenticTransaction() {
        Transaction tx = deposit();

        Transaction read = Json.read(tx.canonicalJson(), Transaction.class);

        assertThat(tx.canonicalJson()).startsWith("{").doesNotContain(" ", "\n");
        assertThat(read).isEqualTo(tx);
        assertThat(read.isAuthentic()).isTrue();
    }

    @Test
    void signerNoncesStrictlyIncreaseWhileTheClockStandsStill() {
        Clock frozen = Clock.fixed(Instant.ofEpochMilli(TIMESTAMP), ZoneOffset.UTC);
        TransactionSigner signer = new TransactionSigner(KEYS, frozen);

        List<Long> nonces = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Transaction tx = signer.sign("PAYMENT", Map.of("i", i));
            assertThat(tx.timestamp()).isEqualTo(TIMESTAMP);
            assertThat(tx.isAuthentic()).isTrue();
            nonces.add(tx.nonce());
        }

        assertThat(nonces.get(0)).isEqualTo(TIMESTAMP * 1000);
        for (int i = 1; i < nonces.size(); i++) {
            assertThat(nonces.get(i)).isGreaterThan(nonces.get(i - 1));
        }
    }

    @Test
    void signerNoncesKeepIncreasingWhenTheClockGoesBack() {
        long[] now = {TIMESTAMP};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now[0]);
            }
        };
        TransactionSigner signer = new TransactionSigner(KEYS, clock);

        long first = signer.sign("PAYMENT", Map.of()).nonce();
        now[0] -= 60_000;
        long second = signer.sign("PAYMENT", Map.of()).nonce();
        now[0] += 120_000;
        long third = signer.sign("PAYMENT", Map.of()).nonce();

        assertThat(second).isGreaterThan(first);
        assertThat(third).isEqualTo((TIMESTAMP + 60_000) * 1000);
    }

    @Test
    void signerSignsAsItsKey() {
        TransactionSigner signer = new TransactionSigner(KEYS, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        assertThat(signer.publicKeyHex()).isEqualTo(KEYS.publicKeyHex());
        assertThat(signer.sign("PAYMENT", Map.of()).sender()).isEqualTo(KEYS.publicKeyHex());
    }
}
