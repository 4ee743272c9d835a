package dev.dcp.common.words;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the words of one byte range of a UTF-8 text, fed in pieces of any size, without knowing what lies on either
 * side of the range. Only words between two separators (non-letters) of the range are counted here; the bytes before
 * its first separator ({@link #head}) and after its last ({@link #tail}) may be parts of words that continue in the
 * neighbouring ranges, so they are handed on raw, and {@link RangeJoin} counts them once the neighbours' are known.
 * A cut may fall inside a character: the raw bytes are joined before they are decoded. A range with no separator at
 * all is all head and has no tail.
 *
 * <p>Bytes that are not UTF-8 are separators (they decode to U+FFFD); for valid UTF-8 the counts of the ranges,
 * joined, equal the count of the whole text.
 */
public final class ByteRangeTally {

    private final Map<String, long[]> tally = new HashMap<>();
    private long total;
    private byte[] pending = new byte[0];
    private byte[] head;

    /** Counts {@code bytes[from, to)}, the next piece of the range. */
    public void feed(byte[] bytes, int from, int to) {
        byte[] data = new byte[pending.length + to - from];
        System.arraycopy(pending, 0, data, 0, pending.length);
        System.arraycopy(bytes, from, data, pending.length, to - from);
        // until the first separator, data holds the range from its start, which may be the rest of a character
        int start = head == null ? leadingContinuations(data) : 0;
        int end = afterLastSeparator(data, start, data.length);
        if (end < 0) {
            pending = data;
            return;
        }
        if (head == null) {
            start = firstSeparator(data, start, end);
            head = Arrays.copyOfRange(data, 0, start);
        }
        // from a separator (or just after one) to just after one: every word in between is whole
        total += Words.tally(new String(data, start, end - start, StandardCharsets.UTF_8), tally);
        pending = Arrays.copyOfRange(data, end, data.length);
    }

    /** Counts all of {@code bytes}. */
    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /** The bytes before the range's first separator; the whole range when it has none. */
    public byte[] head() {
        return head == null ? pending.clone() : head.clone();
    }

    /** The bytes after the range's last separator, or {@code null} when the range has none. */
    public byte[] tail() {
        return head == null ? null : pending.clone();
    }

    public long total() {
        return total;
    }

    /** Each word counted so far and how often. */
    public Map<String, long[]> counts() {
        return tally;
    }

    /** The continuation bytes a range starts with: the rest of a character begun before it (at most three). */
    private static int leadingContinuations(byte[] data) {
        int i = 0;
        while (i < data.length && i < 3 && isContinuation(data[i])) {
            i++;
        }
        return i;
    }

    /** The index just after the last separator in {@code data[from, to)}, or -1 when there is none. */
    static int afterLastSeparator(byte[] data, int from, int to) {
        int i = to - 1;
        while (i >= from) {
            int lead = i;
            while (lead > from && isContinuation(data[lead]) && i - lead < 3) {
                lead--;
            }
            int length = sequenceLength(data[lead]);
            if (length == 0) {
                return i + 1; // a stray continuation byte or one no character starts with: malformed, a separator
            }
            int last = lead + length - 1;
            if (last > i && i == to - 1) {
                i = lead - 1; // a character cut off by the end of what is here: it may go on in the next piece
                continue;
            }
            if (last != i) {
                return i + 1; // too few or too many continuation bytes: malformed, a separator
            }
            if (!Character.isLetter(codePoint(data, lead, length))) {
                return i + 1;
            }
            i = lead - 1;
        }
        return -1;
    }

    /** The index of the first separator in {@code data[from, to)}, or {@code to} when there is none. */
    static int firstSeparator(byte[] data, int from, int to) {
        int i = from;
        while (i < to) {
            int length = sequenceLength(data[i]);
            if (length == 0 || i + length > to || !Character.isLetter(codePoint(data, i, length))) {
                return i;
            }
            i += length;
        }
        return to;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** How many bytes a character starting with {@code b} has; 0 for a byte no character starts with. */
    private static int sequenceLength(byte b) {
        int u = b & 0xFF;
        if (u < 0x80) {
            return 1;
        }
        if (u >= 0xC2 && u <= 0xDF) {
            return 2;
        }
        if (u >= 0xE0 && u <= 0xEF) {
            return 3;
        }
        if (u >= 0xF0 && u <= 0xF4) {
            return 4;
        }
        return 0; // continuation bytes, C0, C1 and F5..FF start no character
    }

    /** The code point of the sequence at {@code at}; U+FFFD, a separator, when it is malformed. */
    private static int codePoint(byte[] data, int at, int length) {
        if (length == 1) {
            return data[at] & 0xFF;
        }
        int cp = data[at] & (0xFF >> (length + 1));
        for (int j = 1; j < length; j++) {
            byte b = data[at + j];
            if (!isContinuation(b)) {
                return 0xFFFD;
            }
            cp = (cp << 6) | (b & 0x3F);
        }
        return cp;
    }
}
