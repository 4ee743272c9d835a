package dev.dcp.scheduler.split;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Turns chunk weights into whole chunk sizes that add up to exactly the range's size (Hamilton's largest-remainder
 * method), the one rounding every splitter shares.
 */
final class Apportionment {

    private Apportionment() {}

    /** How many chunks a range gets when asked for {@code parts}: one per unit at most. */
    static int chunkCount(Range range, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, was " + parts);
        }
        return (int) Math.min(parts, range.size());
    }

    /**
     * Contiguous chunks of {@code range}, one per (positive) weight, sized in proportion to the weights and never
     * empty, which needs at least as many units as weights.
     */
    static List<Range> chunks(Range range, long[] weights) {
        int n = weights.length;
        if (n == 0 || range.size() < n) {
            throw new IllegalArgumentException(n + " chunks do not fit in " + range);
        }
        long[] sizes = apportion(range.size(), weights);
        if (Arrays.stream(sizes).anyMatch(size -> size == 0)) {
            // a weight too small for even one unit: give every chunk one, share the rest; sizes stay in weight order
            sizes = apportion(range.size() - n, weights);
            for (int i = 0; i < n; i++) {
                sizes[i]++;
            }
        }
        List<Range> chunks = new ArrayList<>(n);
        long start = range.from();
        for (long size : sizes) {
            chunks.add(new Range(start, start + size));
            start += size;
        }
        return chunks;
    }

    /** {@code units} shared in proportion to {@code weights}: floors of the exact quotas, then largest remainders. */
    static long[] apportion(long units, long[] weights) {
        int n = weights.length;
        long weightSum = 0;
        long maxWeight = 0;
        for (long w : weights) {
            if (w < 1) {
                throw new IllegalArgumentException("weights must be positive: " + Arrays.toString(weights));
            }
            weightSum = Math.addExact(weightSum, w);
            maxWeight = Math.max(maxWeight, w);
        }
        // units * weight can pass 2^63 (ranges up to 2^53, weights up to 2^31): only then pay for BigInteger
        boolean fitsInLong = units <= Long.MAX_VALUE / maxWeight;
        long[] sizes = new long[n];
        long[] remainders = new long[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            if (fitsInLong) {
                long share = units * weights[i];
                sizes[i] = share / weightSum;
                remainders[i] = share % weightSum;
            } else {
                BigInteger[] qr = BigInteger.valueOf(units)
                        .multiply(BigInteger.valueOf(weights[i]))
                        .divideAndRemainder(BigInteger.valueOf(weightSum));
                sizes[i] = qr[0].longValueExact();
                remainders[i] = qr[1].longValueExact();
            }
            given += sizes[i];
        }
        // fewer than n units are left; they go to the largest remainders, the earlier chunk on a tie, so a heavier
        // chunk never ends up smaller than a lighter one
        Integer[] byRemainder = new Integer[n];
        for (int i = 0; i < n; i++) {
            byRemainder[i] = i;
        }
        Arrays.sort(
                byRemainder,
                Comparator.<Integer>comparingLong(i -> remainders[i]).reversed().thenComparingInt(i -> i));
        for (int k = 0; k < units - given; k++) {
            sizes[byRemainder[k]]++;
        }
        return sizes;
    }
}
