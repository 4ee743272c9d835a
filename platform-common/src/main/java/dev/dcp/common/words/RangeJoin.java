package dev.dcp.common.words;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the words that byte ranges cut: given each range's {@link ByteRangeTally#head head} and
 * {@link ByteRangeTally#tail tail} in the ranges' order, the bytes between two separators that lie in neighbouring
 * ranges are joined and counted once. With the ranges' own counts added, this gives the count of the whole text.
 */
public final class RangeJoin {

    private final Map<String, long[]> tally = new HashMap<>();
    private final ByteArrayOutputStream carry = new ByteArrayOutputStream();
    private long total;

    /** The next range's head and tail ({@code null} for a range with no separator, which is all head). */
    public void add(byte[] head, byte[] tail) {
        carry.writeBytes(head);
        if (tail != null) {
            countCarry();
            carry.writeBytes(tail);
        }
    }

    /** Counts what the last range left; call once, after the last {@link #add}. */
    public void finish() {
        countCarry();
    }

    public long total() {
        return total;
    }

    public Map<String, long[]> counts() {
        return tally;
    }

    private void countCarry() {
        if (carry.size() > 0) {
            total += Words.tally(new String(carry.toByteArray(), StandardCharsets.UTF_8), tally);
            carry.reset();
        }
    }
}
