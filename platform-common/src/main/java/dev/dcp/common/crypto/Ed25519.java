package dev.dcp.common.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.io.IOException;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * RFC 8032 Ed25519 through Bouncy Castle's lightweight API (an order of magnitude faster than the JDK provider).
 * Keys are raw 32-byte values, shown as lowercase hex.
 */
public final class Ed25519 {

    private Ed25519() {
    }

    public record KeyPair(byte[] privateKey, byte[] publicKey) {

        public String publicKeyHex() {
            return Hashes.hex(publicKey);
        }

        public byte[] sign(byte[] message) {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, new Ed25519PrivateKeyParameters(privateKey, 0));
            signer.update(message, 0, message.length);
            return signer.generateSignature();
        }

        public String signHex(byte[] message) {
            return Hashes.hex(sign(message));
        }
    }

    public static KeyPair generate() {
        Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(new SecureRandom());
        return new KeyPair(priv.getEncoded(), priv.generatePublicKey().getEncoded());
    }

    public static KeyPair fromPrivateKey(byte[] privateKey) {
        Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(privateKey, 0);
        return new KeyPair(priv.getEncoded(), priv.generatePublicKey().getEncoded());
    }

    public static KeyPair fromPrivateKeyHex(String hex) {
        return fromPrivateKey(Hashes.unhex(hex.trim()));
    }

    /** Loads the hex private key kept in {@code file}, creating it (owner-only) on first use. */
    public static KeyPair loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return fromPrivateKeyHex(Files.readString(file));
            }
            KeyPair keys = generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Hashes.hex(keys.privateKey()));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the key stays readable as the OS allows
            }
            return keys;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create key file " + file, e);
        }
    }

    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || publicKey.length != 32 || signature == null || signature.length != 64) {
            return false;
        }
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static boolean verifyHex(String publicKeyHex, byte[] message, String signatureHex) {
        if (!Hashes.isHex(publicKeyHex, 32) || !Hashes.isHex(signatureHex, 64)) {
            return false;
        }
        return verify(Hashes.unhex(publicKeyHex), message, Hashes.unhex(signatureHex));
    }
}
