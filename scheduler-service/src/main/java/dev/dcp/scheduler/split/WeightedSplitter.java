package dev.dcp.scheduler.split;

import java.util.Comparator;
import java.util.List;

/**
 * {@code weighted}: chunk sizes in proportion to the registered capacity (slots) of the live workers. The capacities,
 * largest first, are dealt out to the chunks in turn, so with as many chunks as workers each worker's fair share is
 * one chunk, and with more chunks the pattern repeats. Without any known capacity this is {@link StaticSplitter}.
 */
public final class WeightedSplitter implements Splitter {

    private final List<Integer> capacities;

    /** Non-positive capacities (a worker with no free slot to offer) are left out. */
    public WeightedSplitter(List<Integer> capacities) {
        this.capacities = capacities.stream()
                .filter(c -> c != null && c > 0)
                .sorted(Comparator.reverseOrder())
                .toList();
    }

    @Override
    public List<Range> split(Range range, int parts) {
        if (capacities.isEmpty()) {
            return new StaticSplitter().split(range, parts);
        }
        int n = Apportionment.chunkCount(range, parts);
        if (n == 0) {
            return List.of();
        }
        long[] weights = new long[n];
        for (int i = 0; i < n; i++) {
            weights[i] = capacities.get(i % capacities.size());
        }
        return Apportionment.chunks(range, weights);
    }
}
