package dev.dcp.common.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An object's key sealed to one worker for one read: the worker makes a fresh X25519 key pair per read and signs its
 * public half into the request; the scheduler agrees a secret with it from a fresh pair of its own, derives an
 * AES-256-GCM key with HKDF-SHA256 (bound to both public keys and the read's id) and encrypts the object key. Only
 * the holder of that one private key opens it, so the bus, the gateway and the worker's fellow consumers of its
 * partition see ciphertext. A seal is {@code sender public key (X.509, 44) || nonce (12) || key (32) || tag (16)}.
 */
public final class ObjectKeySeal {

    private static final String CURVE = "X25519";
    private static final int PUBLIC_KEY_BYTES = 44;
    private static final int NONCE_BYTES = 12;
    private static final int SEALED_BYTES =
            PUBLIC_KEY_BYTES + NONCE_BYTES + SegmentCipher.KEY_BYTES + SegmentCipher.TAG_BYTES;
    private static final byte[] LABEL = "dcp-object-key-seal-v1".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ObjectKeySeal() {}

    /** The worker's side of one read: a fresh key pair, whose public half goes into the request. */
    public static final class Recipient {
        private final KeyPair pair;

        private Recipient(KeyPair pair) {
            this.pair = pair;
        }

        public static Recipient fresh() {
            try {
                return new Recipient(KeyPairGenerator.getInstance(CURVE).generateKeyPair());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("X25519 is in every Java 11+ runtime", e);
            }
        }

        /** The public key, X.509-encoded, as the request carries it. */
        public byte[] publicKey() {
            return pair.getPublic().getEncoded();
        }

        /**
         * The object key in {@code sealed}.
         *
         * @throws IllegalArgumentException when it was not sealed to this key for this context
         */
        public byte[] open(byte[] sealed, String context) {
            if (sealed.length != SEALED_BYTES) {
                throw new IllegalArgumentException("not a sealed object key");
            }
            byte[] senderPublic = Arrays.copyOfRange(sealed, 0, PUBLIC_KEY_BYTES);
            byte[] key = derive(pair.getPrivate(), publicKeyOf(senderPublic), senderPublic, publicKey(), context);
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(
                        Cipher.DECRYPT_MODE,
                        new SecretKeySpec(key, "AES"),
                        new GCMParameterSpec(
                                SegmentCipher.TAG_BYTES * 8,
                                Arrays.copyOfRange(sealed, PUBLIC_KEY_BYTES, PUBLIC_KEY_BYTES + NONCE_BYTES)));
                int at = PUBLIC_KEY_BYTES + NONCE_BYTES;
                return cipher.doFinal(sealed, at, sealed.length - at);
            } catch (AEADBadTagException e) {
                throw new IllegalArgumentException("the object key was sealed to another key or read", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is in every JRE", e);
            }
        }
    }

    /**
     * Seals {@code objectKey} to the holder of {@code recipientPublicKey} for {@code context} (the read's id).
     *
     * @throws IllegalArgumentException when the public key is not an X25519 key
     */
    public static byte[] seal(byte[] objectKey, byte[] recipientPublicKey, String context) {
        if (objectKey.length != SegmentCipher.KEY_BYTES) {
            throw new IllegalArgumentException("an object key has 32 bytes");
        }
        PublicKey recipient = publicKeyOf(recipientPublicKey);
        KeyPair sender = Recipient.fresh().pair;
        byte[] senderPublic = sender.getPublic().getEncoded();
        byte[] key = derive(sender.getPrivate(), recipient, senderPublic, recipientPublicKey, context);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] out = new byte[SEALED_BYTES];
        System.arraycopy(senderPublic, 0, out, 0, PUBLIC_KEY_BYTES);
        System.arraycopy(nonce, 0, out, PUBLIC_KEY_BYTES, NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(SegmentCipher.TAG_BYTES * 8, nonce));
            cipher.doFinal(objectKey, 0, objectKey.length, out, PUBLIC_KEY_BYTES + NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JRE", e);
        }
        return out;
    }

    private static PublicKey publicKeyOf(byte[] encoded) {
        if (encoded == null || encoded.length != PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("not an X25519 public key");
        }
        try {
            return KeyFactory.getInstance(CURVE).generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an X25519 public key", e);
        }
    }

    /** HKDF-SHA256 (RFC 5869) of the shared secret, its info naming both public keys and the context. */
    private static byte[] derive(
            PrivateKey own, PublicKey other, byte[] senderPublic, byte[] recipientPublic, String context) {
        try {
            KeyAgreement agreement = KeyAgreement.getInstance(CURVE);
            agreement.init(own);
            agreement.doPhase(other, true);
            byte[] shared = agreement.generateSecret();
            if (isZero(shared)) {
                throw new IllegalArgumentException("a low-order X25519 public key");
            }
            Mac extract = Mac.getInstance("HmacSHA256");
            extract.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            byte[] prk = extract.doFinal(shared);
            byte[] contextBytes = context.getBytes(StandardCharsets.UTF_8);
            ByteBuffer info = ByteBuffer.allocate(
                    LABEL.length + senderPublic.length + recipientPublic.length + contextBytes.length + 1);
            info.put(LABEL)
                    .put(senderPublic)
                    .put(recipientPublic)
                    .put(contextBytes)
                    .put((byte) 1);
            Mac expand = Mac.getInstance("HmacSHA256");
            expand.init(new SecretKeySpec(prk, "HmacSHA256"));
            return expand.doFinal(info.array()); // 32 bytes: one HKDF block is the whole AES-256 key
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the X25519 agreement failed: " + e.getMessage(), e);
        }
    }

    private static boolean isZero(byte[] bytes) {
        int acc = 0;
        for (byte b : bytes) {
            acc |= b;
        }
        return acc == 0;
    }
}
