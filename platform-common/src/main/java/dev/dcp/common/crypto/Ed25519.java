package dev.dcp.common.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * RFC 8032 Ed25519 through Bouncy Castle's lightweight API (an order of magnitude faster than the JDK provider).
 * Keys are raw 32-byte values, shown as lowercase hex.
 */
public final class Ed25519 {

    private Ed25519() {}

    public record KeyPair(byte[] privateKey, byte[] publicKey) {

        public String publicKeyHex() {
            return Hashes.hex(publicKey);
        }

        public byte[] sign(byte[] message) {
            byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
            // the parameters object caches the derived public key, which signing would otherwise recompute
            if (PRIVATE_KEYS.size() >= KEY_CACHE_LIMIT) {
                PRIVATE_KEYS.clear(); // bounded, like the public-key cache; a process signs with few keys
            }
            PRIVATE_KEYS
                    .computeIfAbsent(Hashes.hex(privateKey), k -> new Ed25519PrivateKeyParameters(privateKey, 0))
                    .sign(
                            org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519,
                            null,
                            message,
                            0,
                            message.length,
                            signature,
                            0);
            return signature;
        }

        public String signHex(byte[] message) {
            return Hashes.hex(sign(message));
        }
    }

    /** Decoded keys by hex: decoding a point is a large share of a verification, and senders are few. */
    private static final int KEY_CACHE_LIMIT = 10_000;

    private static final Map<String, Ed25519PrivateKeyParameters> PRIVATE_KEYS = new ConcurrentHashMap<>();
    private static final Map<String, Ed25519PublicKeyParameters> PUBLIC_KEYS = new ConcurrentHashMap<>();

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
            return publicKey(publicKey)
                    .verify(
                            org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519,
                            null,
                            message,
                            0,
                            message.length,
                            signature,
                            0);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Ed25519PublicKeyParameters publicKey(byte[] key) {
        String hex = Hashes.hex(key);
        Ed25519PublicKeyParameters cached = PUBLIC_KEYS.get(hex);
        if (cached == null) {
            if (PUBLIC_KEYS.size() >= KEY_CACHE_LIMIT) {
                PUBLIC_KEYS.clear(); // bounded: many distinct keys must not grow memory without limit
            }
            cached = new Ed25519PublicKeyParameters(key, 0);
            PUBLIC_KEYS.put(hex, cached);
        }
        return cached;
    }

    public static boolean verifyHex(String publicKeyHex, byte[] message, String signatureHex) {
        if (!Hashes.isHex(publicKeyHex, 32) || !Hashes.isHex(signatureHex, 64)) {
            return false;
        }
        return verify(Hashes.unhex(publicKeyHex), message, Hashes.unhex(signatureHex));
    }
}
