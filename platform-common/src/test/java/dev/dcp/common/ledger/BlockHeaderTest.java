package dev.dcp.common.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.crypto.Ed25519;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class BlockHeaderTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String MERKLE_ROOT = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static BlockHeader header() {
        return new BlockHeader(
                42,
                BlockHeader.GENESIS_PREV_HASH,
                MERKLE_ROOT,
                1_700_000_000_000L,
                3,
                "ledger-1",
                "pow",
                4,
                9_876_543_210L);
    }

    @Test
    void hashIsSha256OfCanonicalJsonOfTheNineFields() throws Exception {
        String canonical = "{\"consensus\":\"pow\","
                + "\"difficulty\":4,"
                + "\"height\":42,"
                + "\"merkleRoot\":\"" + MERKLE_ROOT + "\","
                + "\"nonce\":9876543210,"
                + "\"prevHash\":\"" + "0".repeat(64) + "\","
                + "\"proposer\":\"ledger-1\","
                + "\"timestamp\":1700000000000,"
                + "\"txCount\":3}";
        String expected =
                HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));

        assertThat(header().hash()).isEqualTo(expected);
    }

    @Test
    void genesisPrevHashIsSixtyFourZeros() {
        assertThat(BlockHeader.GENESIS_PREV_HASH).hasSize(64).matches("0+");
    }

    @Test
    void withNonceChangesOnlyTheNonceAndTheHash() {
        BlockHeader header = header();

        BlockHeader next = header.withNonce(header.nonce() + 1);

        assertThat(next).usingRecursiveComparison().ignoringFields("nonce").isEqualTo(header);
        assertThat(next.nonce()).isEqualTo(9_876_543_211L);
        assertThat(next.hash()).isNotEqualTo(header.hash());
    }

    @Test
    void hashDependsOnEveryField() {
        BlockHeader h = header();
        String hash = h.hash();

        assertThat(new BlockHeader(
                                43,
                                h.prevHash(),
                                h.merkleRoot(),
                                h.timestamp(),
                                h.txCount(),
                                h.proposer(),
                                h.consensus(),
                                h.difficulty(),
                                h.nonce())
                        .hash())
                .isNotEqualTo(hash);
        assertThat(new BlockHeader(
                                h.height(),
                                "1".repeat(64),
                                h.merkleRoot(),
                                h.timestamp(),
                                h.txCount(),
                                h.proposer(),
                                h.consensus(),
                                h.difficulty(),
                                h.nonce())
                        .hash())
                .isNotEqualTo(hash);
        assertThat(new BlockHeader(
                                h.height(),
                                h.prevHash(),
                                "a".repeat(64),
                                h.timestamp(),
                                h.txCount(),
                                h.proposer(),
                                h.consensus(),
                                h.difficulty(),
                                h.nonce())
                        .hash())
                .isNotEqualTo(hash);
        assertThat(new BlockHeader(
                                h.height(),
                                h.prevHash(),
                                h.merkleRoot(),
                                h.timestamp() + 1,
                                h.txCount(),
                                h.proposer(),
                                h.consensus(),
                                h.difficulty(),
                                h.nonce())
                        .hash())
                .isNotEqualTo(hash);
        assertThat(new BlockHeader(
                                h.height(),
                                h.prevHash(),
                                h.merkleRoot(),
                                h.timestamp(),
                                4,
                                h.proposer(),
                                h.consensus(),
                                h.difficulty(),
                                h.nonce())
                        .hash())
                .isNotEqualTo(hash);
        assertThat(new BlockHeader(
                                h.height(),
                                h.prevHash(),
                                h.merkleRoot(),
                                h.timestamp(),
                                h.txCount(),
                                "ledger-2",
                                h.consensus(),
                                h.difficulty(),
                                h.nonce())
                        .hash())
                .isNotEqualTo(hash);
        assertThat(new BlockHeader(
                                h.height(),
                                h.prevHash(),
                                h.merkleRoot(),
                                h.timestamp(),
                                h.txCount(),
                                h.proposer(),
                                "poa",
                                h.difficulty(),
                                h.nonce())
                        .hash())
                .isNotEqualTo(hash);
        assertThat(new BlockHeader(
                                h.height(),
                                h.prevHash(),
                                h.merkleRoot(),
                                h.timestamp(),
                                h.txCount(),
                                h.proposer(),
                                h.consensus(),
                                5,
                                h.nonce())
                        .hash())
                .isNotEqualTo(hash);
    }

    @Test
    void blockSignatureVerifiesTheHashItSigned() {
        Ed25519.KeyPair keys = Ed25519.generate();
        String hash = header().hash();

        BlockSignature signature = BlockSignature.sign("validator-1", keys, hash);

        assertThat(signature.validator()).isEqualTo("validator-1");
        assertThat(signature.publicKey()).isEqualTo(keys.publicKeyHex());
        assertThat(Ed25519.verify(keys.publicKey(), HEX.parseHex(hash), HEX.parseHex(signature.signature())))
                .isTrue();
        assertThat(signature.verifies(hash)).isTrue();
    }

    @Test
    void blockSignatureDoesNotVerifyAnotherHash() {
        BlockHeader header = header();
        BlockSignature signature = BlockSignature.sign("validator-1", Ed25519.generate(), header.hash());

        assertThat(signature.verifies(header.withNonce(0).hash())).isFalse();
    }

    @Test
    void blockSignatureRejectsMalformedHashes() {
        String hash = header().hash();
        BlockSignature signature = BlockSignature.sign("validator-1", Ed25519.generate(), hash);

        assertThat(signature.verifies(null)).isFalse();
        assertThat(signature.verifies("")).isFalse();
        assertThat(signature.verifies(hash.substring(2))).isFalse();
        assertThat(signature.verifies(hash.toUpperCase(Locale.ROOT))).isFalse();
        assertThat(signature.verifies("zz" + hash.substring(2))).isFalse();
    }

    @Test
    void blockSignatureClaimingAnotherKeyDoesNotVerify() {
        String hash = header().hash();
        BlockSignature genuine = BlockSignature.sign("validator-1", Ed25519.generate(), hash);

        BlockSignature claimed =
                new BlockSignature("validator-1", Ed25519.generate().publicKeyHex(), genuine.signature());

        assertThat(claimed.verifies(hash)).isFalse();
    }
}
