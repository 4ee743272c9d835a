package dev.dcp.worker.kernel.primes;

import java.util.Arrays;

/**
 * Counts primes in [from, to) with an odd-only segmented sieve of Eratosthenes: memory is one segment
 * (a byte per odd number, sized to stay in L2) plus the base primes up to sqrt(to).
 */
public final class SegmentedSieve {

    static final int SEGMENT_ODDS = 1 << 17;

    private SegmentedSieve() {}

    public static long count(long from, long to) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("need 0 <= from <= to, got [" + from + ", " + to + ")");
        }
        long count = (from <= 2 && to > 2) ? 1 : 0;
        long lo = Math.max(from, 3);
        if ((lo & 1) == 0) {
            lo++;
        }
        if (lo >= to) {
            return count;
        }
        int[] basePrimes = oddPrimesUpTo((int) Math.sqrt((double) (to - 1)) + 1);
        byte[] composite = new byte[SEGMENT_ODDS];
        for (long segLo = lo; segLo < to; segLo += 2L * SEGMENT_ODDS) {
            long segHi = Math.min(segLo + 2L * SEGMENT_ODDS, to);
            int odds = (int) ((segHi - segLo + 1) / 2);
            Arrays.fill(composite, 0, odds, (byte) 0);
            for (int p : basePrimes) {
                long pp = (long) p * p;
                if (pp >= segHi) {
                    break;
                }
                long start = Math.max(pp, (segLo + p - 1) / p * p);
                if ((start & 1) == 0) {
                    start += p;
                }
                for (long i = (start - segLo) >> 1; i < odds; i += p) {
                    composite[(int) i] = 1;
                }
            }
            for (int i = 0; i < odds; i++) {
                count += 1 - composite[i];
            }
        }
        return count;
    }

    /** The odd primes up to and including {@code limit}, ascending. */
    static int[] oddPrimesUpTo(int limit) {
        if (limit < 3) {
            return new int[0];
        }
        boolean[] composite = new boolean[limit + 1];
        int n = 0;
        int[] primes = new int[Math.max(16, (int) (1.3 * limit / Math.max(1, Math.log(limit))))];
        for (int i = 3; i <= limit; i += 2) {
            if (!composite[i]) {
                if (n == primes.length) {
                    primes = Arrays.copyOf(primes, n * 2);
                }
                primes[n++] = i;
                for (long j = (long) i * i; j <= limit; j += 2L * i) {
                    composite[(int) j] = true;
                }
            }
        }
        return Arrays.copyOf(primes, n);
    }
}
