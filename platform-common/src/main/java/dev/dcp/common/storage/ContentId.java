package dev.dcp.common.storage;

import dev.dcp.common.crypto.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * An object's content address: a CIDv1 with the raw codec and a sha2-256 multihash of the whole content, in
 * base32 lower case with the multibase prefix {@code b}. The binary form is {@code 0x01 0x55 0x12 0x20} followed by
 * the 32-byte digest, so the text is always 59 characters starting {@code bafkrei}.
 */
public final class ContentId {

    private static final byte[] PREFIX = {0x01, 0x55, 0x12, 0x20};
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int TEXT_LENGTH = 1 + (8 * (PREFIX.length + 32) + 4) / 5;

    private final byte[] digest;
    private final String text;

    private ContentId(byte[] digest) {
        this.digest = digest.clone();
        byte[] binary = new byte[PREFIX.length + digest.length];
        System.arraycopy(PREFIX, 0, binary, 0, PREFIX.length);
        System.arraycopy(digest, 0, binary, PREFIX.length, digest.length);
        this.text = "b" + base32(binary);
    }

    /** The CID of content whose SHA-256 is {@code digest}. */
    public static ContentId ofSha256(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a sha2-256 digest has 32 bytes, not " + digest.length);
        }
        return new ContentId(digest);
    }

    public static ContentId of(byte[] content) {
        return ofSha256(Hashes.sha256(content));
    }

    public static ContentId of(InputStream content) throws IOException {
        MessageDigest sha = Hashes.sha256();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = content.read(buffer)) > 0; ) {
            sha.update(buffer, 0, n);
        }
        return ofSha256(sha.digest());
    }

    /**
     * Reads a CID in the one form dcp issues.
     *
     * @throws IllegalArgumentException with a reason a person can act on
     */
    public static ContentId parse(String text) {
        if (text == null || text.length() != TEXT_LENGTH || text.charAt(0) != 'b') {
            throw new IllegalArgumentException("a CID here is 59 characters of base32 starting with 'bafkrei'");
        }
        byte[] binary = unbase32(text.substring(1));
        if (binary == null || binary.length != PREFIX.length + 32) {
            throw new IllegalArgumentException("not base32 lower case (a-z, 2-7)");
        }
        if (!Arrays.equals(binary, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) {
            throw new IllegalArgumentException("only CIDv1 with the raw codec and a sha2-256 multihash is used");
        }
        ContentId id = new ContentId(Arrays.copyOfRange(binary, PREFIX.length, binary.length));
        if (!id.text.equals(text)) {
            // Trailing bits that are not zero: another spelling of the same bytes, refused so a CID has one form.
            throw new IllegalArgumentException("not the canonical base32 form of a CID");
        }
        return id;
    }

    public byte[] digest() {
        return digest.clone();
    }

    public String digestHex() {
        return Hashes.hex(digest);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContentId id && id.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** RFC 4648 base32, lower case, without padding. */
    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    private static byte[] unbase32(String text) {
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int v;
            if (c >= 'a' && c <= 'z') {
                v = c - 'a';
            } else if (c >= '2' && c <= '7') {
                v = c - '2' + 26;
            } else {
                return null;
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return n == out.length ? out : null;
    }
}
