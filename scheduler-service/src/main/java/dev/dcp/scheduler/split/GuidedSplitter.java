package dev.dcp.scheduler.split;

import java.util.List;

/**
 * {@code guided}: chunks that shrink linearly as work remains, the first about four times the last (trapezoid
 * self-scheduling, Tzen and Ni 1993). Workers pull chunks in order, so the big early chunks keep per-subtask overhead
 * low, and the small late ones let the last workers finish together even when chunks cost unevenly (primes are
 * cheaper to sieve near zero, for instance).
 */
public final class GuidedSplitter implements Splitter {

    /** How many times larger the first chunk is than the last. */
    static final int FIRST_TO_LAST = 4;

    @Override
    public List<Range> split(Range range, int parts) {
        int n = Apportionment.chunkCount(range, parts);
        if (n == 0) {
            return List.of();
        }
        // weights fall by (FIRST_TO_LAST - 1) per chunk from FIRST_TO_LAST * (n - 1) down to n - 1
        long[] weights = new long[n];
        for (int i = 0; i < n; i++) {
            weights[i] = n == 1 ? 1 : (long) FIRST_TO_LAST * (n - 1) - (long) (FIRST_TO_LAST - 1) * i;
        }
        return Apportionment.chunks(range, weights);
    }
}
