package dev.dcp.scheduler.split;

import java.util.Arrays;
import java.util.List;

/** {@code static}: equal chunks, the first ones one larger when the range does not divide evenly. */
public final class StaticSplitter implements Splitter {

    @Override
    public List<Range> split(Range range, int parts) {
        int n = Apportionment.chunkCount(range, parts);
        if (n == 0) {
            return List.of();
        }
        long[] weights = new long[n];
        Arrays.fill(weights, 1);
        return Apportionment.chunks(range, weights);
    }
}
