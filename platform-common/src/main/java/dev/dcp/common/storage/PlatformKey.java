package dev.dcp.common.storage;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform's key-encryption key, from configuration: it wraps each object's own key (AES-256-GCM with a random
 * nonce) so that the database holds only wrapped keys and a provider's disk only ciphertext. A wrapped key is
 * {@code 0x01 || nonce(12) || encrypted key(32) || tag(16)}; the leading version leaves room for rotation.
 */
public final class PlatformKey {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int WRAPPED_BYTES = 1 + NONCE_BYTES + SegmentCipher.KEY_BYTES + SegmentCipher.TAG_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public PlatformKey(byte[] key) {
        if (key.length != SegmentCipher.KEY_BYTES) {
            throw new IllegalArgumentException("the platform storage key has 32 bytes (44 characters of base64)");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    public static PlatformKey fromBase64(String base64) {
        try {
            return new PlatformKey(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the platform storage key must be 32 random bytes in base64: " + e.getMessage(), e);
        }
    }

    public static byte[] newObjectKey() {
        byte[] key = new byte[SegmentCipher.KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    public byte[] wrap(byte[] objectKey) {
        if (objectKey.length != SegmentCipher.KEY_BYTES) {
            throw new IllegalArgumentException("an object key has 32 bytes");
        }
        byte[] out = new byte[WRAPPED_BYTES];
        out[0] = VERSION;
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(SegmentCipher.TAG_BYTES * 8, nonce));
            cipher.doFinal(objectKey, 0, objectKey.length, out, 1 + NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JRE", e);
        }
        return out;
    }

    /** @throws IllegalArgumentException when the bytes were not wrapped by this key */
    public byte[] unwrap(byte[] wrapped) {
        if (wrapped.length != WRAPPED_BYTES || wrapped[0] != VERSION) {
            throw new IllegalArgumentException("not a wrapped object key");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    key,
                    new GCMParameterSpec(SegmentCipher.TAG_BYTES * 8, Arrays.copyOfRange(wrapped, 1, 1 + NONCE_BYTES)));
            return cipher.doFinal(wrapped, 1 + NONCE_BYTES, wrapped.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("the object key was wrapped by another platform key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JRE", e);
        }
    }
}
