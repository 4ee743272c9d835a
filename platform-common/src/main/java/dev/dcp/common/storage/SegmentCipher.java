package dev.dcp.common.storage;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over one object's segments, before they are coded into shards, so that every shard a provider holds
 * (parity too) is ciphertext. A segment is sealed in blocks of {@value #BLOCK_BYTES} bytes, each its own GCM message
 * with its own tag: the JDK's fast GCM path is used only for calls of moderate size from compiled code (one 4 MiB
 * call runs at well under 100 MB/s, 64 KiB calls at several GB/s, docs/benchmarks.md), and a range read can open
 * only the blocks it needs.
 *
 * <p>Each object has its own random key, and a segment's content never changes (the object is content-addressed),
 * so the nonce can be (block, segment): one key never seals two different plaintexts under one nonce. Nothing binds
 * a segment to its object's address, which is known only once the last byte has streamed in; the key already does,
 * as no other object has it.
 */
public final class SegmentCipher {

    public static final int KEY_BYTES = 32;
    public static final int TAG_BYTES = 16;
    public static final int BLOCK_BYTES = 64 * 1024;
    private static final int NONCE_BYTES = 12;

    private final SecretKeySpec key;

    public SegmentCipher(byte[] objectKey) {
        if (objectKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("an object key has 32 bytes");
        }
        this.key = new SecretKeySpec(objectKey, "AES");
    }

    /** The length of {@code plainLength} bytes once sealed: one tag per block. */
    public static int sealedLength(int plainLength) {
        if (plainLength < 1) {
            throw new IllegalArgumentException("a segment has at least one byte");
        }
        return plainLength + TAG_BYTES * blocks(plainLength);
    }

    private static int blocks(int plainLength) {
        return (plainLength + BLOCK_BYTES - 1) / BLOCK_BYTES;
    }

    /** Encrypts {@code length} bytes of plaintext into {@link #sealedLength(int)} bytes. */
    public byte[] seal(int segment, byte[] plain, int offset, int length) {
        byte[] out = new byte[sealedLength(length)];
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            int written = 0;
            for (int b = 0, n = blocks(length); b < n; b++) {
                int from = b * BLOCK_BYTES;
                int size = Math.min(BLOCK_BYTES, length - from);
                cipher.init(Cipher.ENCRYPT_MODE, key, nonce(segment, b));
                written += cipher.doFinal(plain, offset + from, size, out, written);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JRE", e);
        }
        return out;
    }

    /**
     * Decrypts and authenticates a sealed segment.
     *
     * @throws SegmentTampered when the bytes are not what this key sealed for this segment
     */
    public byte[] open(int segment, byte[] sealed, int offset, int length) {
        int sealedBlock = BLOCK_BYTES + TAG_BYTES;
        int blocks = (length + sealedBlock - 1) / sealedBlock;
        int plainLength = length - blocks * TAG_BYTES;
        if (blocks == 0 || plainLength < 1 || sealedLength(plainLength) != length) {
            throw new SegmentTampered(segment);
        }
        byte[] out = new byte[plainLength];
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            int written = 0;
            for (int b = 0; b < blocks; b++) {
                int from = b * sealedBlock;
                int size = Math.min(sealedBlock, length - from);
                cipher.init(Cipher.DECRYPT_MODE, key, nonce(segment, b));
                written += cipher.doFinal(sealed, offset + from, size, out, written);
            }
        } catch (AEADBadTagException e) {
            throw new SegmentTampered(segment);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JRE", e);
        }
        return out;
    }

    private static GCMParameterSpec nonce(int segment, int block) {
        if (segment < 0) {
            throw new IllegalArgumentException("segment index must not be negative");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        for (int i = 0; i < 4; i++) {
            nonce[3 - i] = (byte) (block >>> (8 * i));
        }
        long s = segment;
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] = (byte) (s >>> (8 * i));
        }
        return new GCMParameterSpec(TAG_BYTES * 8, nonce);
    }

    /** A sealed segment failed authentication: wrong key, wrong segment, or altered bytes. */
    public static final class SegmentTampered extends RuntimeException {
        public SegmentTampered(int segment) {
            super("segment " + segment + " failed authentication");
        }
    }
}
