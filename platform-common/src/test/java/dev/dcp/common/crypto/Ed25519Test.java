package dev.dcp.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ed25519Test {

    private static final HexFormat HEX = HexFormat.of();

    // RFC 8032 section 7.1, TEST 1 (empty message)
    private static final String RFC_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String RFC_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    private static final byte[] MESSAGE = "count the primes below 10^12".getBytes(StandardCharsets.UTF_8);

    @Test
    void rfc8032Test1DerivesThePublishedPublicKey() {
        Ed25519.KeyPair keys = Ed25519.fromPrivateKeyHex(RFC_SECRET);

        assertThat(keys.publicKeyHex()).isEqualTo(RFC_PUBLIC);
        assertThat(keys.privateKey()).isEqualTo(HEX.parseHex(RFC_SECRET));
    }

    @Test
    void rfc8032Test1SignsTheEmptyMessageWithThePublishedSignature() {
        Ed25519.KeyPair keys = Ed25519.fromPrivateKeyHex(RFC_SECRET);

        assertThat(keys.signHex(new byte[0])).isEqualTo(RFC_SIGNATURE);
        assertThat(keys.sign(new byte[0])).isEqualTo(HEX.parseHex(RFC_SIGNATURE));
    }

    @Test
    void rfc8032Test1PublishedSignatureVerifies() {
        assertThat(Ed25519.verifyHex(RFC_PUBLIC, new byte[0], RFC_SIGNATURE)).isTrue();
        assertThat(Ed25519.verify(HEX.parseHex(RFC_PUBLIC), new byte[0], HEX.parseHex(RFC_SIGNATURE)))
                .isTrue();
    }

    @Test
    void rfc8032Test1SignatureDoesNotVerifyANonEmptyMessage() {
        assertThat(Ed25519.verifyHex(RFC_PUBLIC, new byte[] {0}, RFC_SIGNATURE)).isFalse();
    }

    @Test
    void privateKeyHexMayCarrySurroundingWhitespace() {
        assertThat(Ed25519.fromPrivateKeyHex("  " + RFC_SECRET + "\n").publicKeyHex())
                .isEqualTo(RFC_PUBLIC);
    }

    @Test
    void signatureOfAGeneratedKeyVerifiesWithItsPublicKey() {
        Ed25519.KeyPair keys = Ed25519.generate();

        String signature = keys.signHex(MESSAGE);

        assertThat(keys.privateKey()).hasSize(32);
        assertThat(keys.publicKey()).hasSize(32);
        assertThat(signature).hasSize(128);
        assertThat(Ed25519.verifyHex(keys.publicKeyHex(), MESSAGE, signature)).isTrue();
        assertThat(Ed25519.verify(keys.publicKey(), MESSAGE, keys.sign(MESSAGE)))
                .isTrue();
    }

    @Test
    void signingIsDeterministic() {
        Ed25519.KeyPair keys = Ed25519.generate();

        assertThat(keys.signHex(MESSAGE)).isEqualTo(keys.signHex(MESSAGE));
    }

    @Test
    void regeneratingFromThePrivateKeyGivesTheSamePublicKey() {
        Ed25519.KeyPair keys = Ed25519.generate();

        assertThat(Ed25519.fromPrivateKey(keys.privateKey()).publicKey()).isEqualTo(keys.publicKey());
    }

    @Test
    void flippingAnyBitOfTheMessageBreaksVerification() {
        Ed25519.KeyPair keys = Ed25519.generate();
        byte[] signature = keys.sign(MESSAGE);

        for (int bit = 0; bit < MESSAGE.length * 8; bit++) {
            byte[] tampered = MESSAGE.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));

            assertThat(Ed25519.verify(keys.publicKey(), tampered, signature))
                    .as("bit %d", bit)
                    .isFalse();
        }
    }

    @Test
    void flippingAnyBitOfTheSignatureBreaksVerification() {
        Ed25519.KeyPair keys = Ed25519.generate();
        byte[] signature = keys.sign(MESSAGE);

        for (int bit = 0; bit < signature.length * 8; bit++) {
            byte[] tampered = signature.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));

            assertThat(Ed25519.verify(keys.publicKey(), MESSAGE, tampered))
                    .as("bit %d", bit)
                    .isFalse();
        }
    }

    @Test
    void signatureDoesNotVerifyUnderAnotherKey() {
        Ed25519.KeyPair signer = Ed25519.generate();
        Ed25519.KeyPair other = Ed25519.generate();

        assertThat(Ed25519.verifyHex(other.publicKeyHex(), MESSAGE, signer.signHex(MESSAGE)))
                .isFalse();
    }

    @Test
    void malformedHexIsRejectedWithoutException() {
        Ed25519.KeyPair keys = Ed25519.generate();
        String pub = keys.publicKeyHex();
        String sig = keys.signHex(MESSAGE);

        assertThat(Ed25519.verifyHex(pub, MESSAGE, sig)).isTrue();
        assertThat(Ed25519.verifyHex(null, MESSAGE, sig)).isFalse();
        assertThat(Ed25519.verifyHex(pub, MESSAGE, null)).isFalse();
        assertThat(Ed25519.verifyHex(pub.toUpperCase(Locale.ROOT), MESSAGE, sig))
                .isFalse();
        assertThat(Ed25519.verifyHex(pub, MESSAGE, sig.toUpperCase(Locale.ROOT)))
                .isFalse();
        assertThat(Ed25519.verifyHex(pub.substring(2), MESSAGE, sig)).isFalse();
        assertThat(Ed25519.verifyHex(pub, MESSAGE, sig.substring(2))).isFalse();
        assertThat(Ed25519.verifyHex(pub + "00", MESSAGE, sig)).isFalse();
        assertThat(Ed25519.verifyHex(pub, MESSAGE, sig + "00")).isFalse();
        assertThat(Ed25519.verifyHex("zz" + pub.substring(2), MESSAGE, sig)).isFalse();
        assertThat(Ed25519.verifyHex(pub, MESSAGE, "g" + sig.substring(1))).isFalse();
        assertThat(Ed25519.verifyHex("", MESSAGE, "")).isFalse();
    }

    @Test
    void rawKeysAndSignaturesOfTheWrongLengthAreRejected() {
        Ed25519.KeyPair keys = Ed25519.generate();
        byte[] signature = keys.sign(MESSAGE);

        assertThat(Ed25519.verify(null, MESSAGE, signature)).isFalse();
        assertThat(Ed25519.verify(keys.publicKey(), MESSAGE, null)).isFalse();
        assertThat(Ed25519.verify(new byte[31], MESSAGE, signature)).isFalse();
        assertThat(Ed25519.verify(keys.publicKey(), MESSAGE, new byte[63])).isFalse();
        assertThat(Ed25519.verify(keys.publicKey(), MESSAGE, new byte[64])).isFalse();
    }

    @Test
    void loadOrCreateCreatesTheKeyFileOnceAndReloadsTheSameKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/keys/worker.key");

        Ed25519.KeyPair created = Ed25519.loadOrCreate(file);
        String stored = Files.readString(file);
        Ed25519.KeyPair reloaded = Ed25519.loadOrCreate(file);

        assertThat(stored).isEqualTo(HEX.formatHex(created.privateKey())).matches("[0-9a-f]{64}");
        assertThat(reloaded.privateKey()).isEqualTo(created.privateKey());
        assertThat(reloaded.publicKey()).isEqualTo(created.publicKey());
        assertThat(Files.readString(file)).isEqualTo(stored);
        assertThat(Ed25519.verify(reloaded.publicKey(), MESSAGE, created.sign(MESSAGE)))
                .isTrue();
    }

    @Test
    void loadOrCreateMakesTheKeyFileOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("owner-only.key");

        Ed25519.loadOrCreate(file);

        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        } else {
            assertThat(file).exists();
        }
    }

    @Test
    void loadOrCreateReadsAnExistingKeyFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rfc.key");
        Files.writeString(file, RFC_SECRET + "\n");

        Ed25519.KeyPair keys = Ed25519.loadOrCreate(file);

        assertThat(keys.publicKeyHex()).isEqualTo(RFC_PUBLIC);
        assertThat(Files.readString(file)).isEqualTo(RFC_SECRET + "\n");
    }

    @Test
    void loadOrCreateInTwoDirectoriesGivesDifferentKeys(@TempDir Path dir) {
        Ed25519.KeyPair a = Ed25519.loadOrCreate(dir.resolve("a.key"));
        Ed25519.KeyPair b = Ed25519.loadOrCreate(dir.resolve("b.key"));

        assertThat(a.publicKey()).isNotEqualTo(b.publicKey());
    }
}
