package dev.dcp.common.metering;

/**
 * The work of a built-in kind's subtask as a function of its input (and, for hashcash, of its answer): what an
 * honest worker reports, and what the scheduler computes on its own to bound what a lone answer is paid. Workers
 * and scheduler both count from here, so they never disagree on a formula.
 */
public final class WorkCount {

    private WorkCount() {}

    /** {@code primes}: every number of [from, to) is sieved. */
    public static long primes(long from, long to) {
        return span(from, to);
    }

    /** {@code montecarlo-pi}: one unit per sample of [from, to). */
    public static long montecarloPi(long from, long to) {
        return span(from, to);
    }

    /** {@code hashcash}: nonces tried in order up to and including the first proof, or the whole range without one. */
    public static long hashcash(long from, long to, Long nonce) {
        return nonce == null ? span(from, to) : Math.addExact(Math.subtractExact(nonce, from), 1);
    }

    /** The most a {@code hashcash} subtask can try: its whole range. */
    public static long hashcashBound(long from, long to) {
        return span(from, to);
    }

    /** {@code matmul}: rows [rowFrom, rowTo) of C, n multiply-adds for each of their n entries. */
    public static long matmul(long n, long rowFrom, long rowTo) {
        return Math.multiplyExact(Math.multiplyExact(span(rowFrom, rowTo), n), n);
    }

    /** {@code wordcount}: the UTF-8 bytes of the text, counted without encoding it. */
    public static long wordcount(CharSequence text) {
        long bytes = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3; // a lone surrogate encodes as the three bytes of U+FFFD
            }
        }
        return bytes;
    }

    private static long span(long from, long to) {
        if (from > to) {
            throw new IllegalArgumentException("need from <= to, got [" + from + ", " + to + ")");
        }
        return Math.subtractExact(to, from);
    }
}
